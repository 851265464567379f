-- A blog and shop in MySQL's own style, as a WordPress-era application writes it: unsigned
-- BIGINT ids, zero-date defaults, 191-character prefix indexes for utf8mb4, a FULLTEXT index, a
-- MyISAM log table, a latin1 column, SET and ENUM, JSON, a generated column, ON UPDATE, foreign
-- keys with and without names and indexes, a trigger with a compound body and a view.
CREATE TABLE `wp_users` (
  `ID` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `user_login` varchar(60) NOT NULL DEFAULT '',
  `user_email` varchar(100) NOT NULL DEFAULT '',
  `user_registered` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `user_status` int(11) NOT NULL DEFAULT 0,
  `display_name` varchar(250) NOT NULL DEFAULT '',
  PRIMARY KEY (`ID`),
  KEY `user_login_key` (`user_login`),
  KEY `user_email` (`user_email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE `wp_posts` (
  `ID` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `post_author` bigint(20) unsigned NOT NULL DEFAULT 0,
  `post_date` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `post_content` longtext NOT NULL,
  `post_title` text NOT NULL,
  `post_status` varchar(20) NOT NULL DEFAULT 'publish',
  `post_name` varchar(200) NOT NULL DEFAULT '',
  `post_type` varchar(20) NOT NULL DEFAULT 'post',
  `comment_count` bigint(20) NOT NULL DEFAULT 0,
  PRIMARY KEY (`ID`),
  KEY `post_name` (`post_name`(191)),
  KEY `type_status_date` (`post_type`,`post_status`,`post_date`,`ID`),
  KEY `post_author` (`post_author`),
  FULLTEXT KEY `ft_content` (`post_title`, `post_content`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE `wp_postmeta` (
  `meta_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `post_id` bigint(20) unsigned NOT NULL DEFAULT 0,
  `meta_key` varchar(255) DEFAULT NULL,
  `meta_value` longtext DEFAULT NULL,
  PRIMARY KEY (`meta_id`),
  KEY `post_id` (`post_id`),
  KEY `meta_key` (`meta_key`(191)),
  CONSTRAINT `fk_meta_post` FOREIGN KEY (`post_id`) REFERENCES `wp_posts` (`ID`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE `shop_products` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `sku` char(12) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL,
  `title` varchar(200) NOT NULL,
  `price` decimal(10,2) NOT NULL DEFAULT 0.00,
  `tax_rate` decimal(4,3) NOT NULL DEFAULT 0.200,
  `gross` decimal(12,2) GENERATED ALWAYS AS (round(`price` * (1 + `tax_rate`), 2)) STORED,
  `flags` set('new','sale','hidden') NOT NULL DEFAULT '',
  `kind` enum('physical','digital') NOT NULL DEFAULT 'physical',
  `attributes` json DEFAULT NULL,
  `created_at` timestamp NOT NULL DEFAULT current_timestamp(),
  `updated_at` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`id`),
  UNIQUE KEY `ux_sku` (`sku`),
  CONSTRAINT `ck_price` CHECK (`price` >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='what the shop sells';

CREATE TABLE `shop_orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `user_id` bigint(20) unsigned DEFAULT NULL,
  `total` decimal(12,2) NOT NULL DEFAULT 0.00 COMMENT 'gross, in the shop currency',
  `state` enum('cart','paid','shipped','cancelled') NOT NULL DEFAULT 'cart',
  `placed_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `ix_orders_state_placed` (`state`, `placed_at` DESC),
  FOREIGN KEY (`user_id`) REFERENCES `wp_users` (`ID`) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `shop_order_lines` (
  `order_id` bigint unsigned NOT NULL,
  `line_no` smallint unsigned NOT NULL,
  `product_id` int unsigned NOT NULL,
  `quantity` int NOT NULL DEFAULT 1,
  `amount` decimal(12,2) NOT NULL,
  PRIMARY KEY (`order_id`, `line_no`),
  CONSTRAINT `fk_line_order` FOREIGN KEY (`order_id`) REFERENCES `shop_orders` (`id`) ON DELETE CASCADE,
  CONSTRAINT `fk_line_product` FOREIGN KEY (`product_id`) REFERENCES `shop_products` (`id`),
  CONSTRAINT `ck_quantity` CHECK (`quantity` > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `audit_log` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `happened_at` datetime(3) NOT NULL DEFAULT current_timestamp(3),
  `message` varchar(500) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

DELIMITER ;;
CREATE TRIGGER `order_line_total` AFTER INSERT ON `shop_order_lines` FOR EACH ROW
BEGIN
  UPDATE shop_orders SET total = total + NEW.amount WHERE id = NEW.order_id;
  IF NEW.quantity > 100 THEN
    INSERT INTO audit_log (message) VALUES (CONCAT('big order ', NEW.order_id));
  END IF;
END ;;
DELIMITER ;

CREATE VIEW `published_posts` AS
  SELECT p.ID AS id, p.post_title AS title, u.display_name AS author
  FROM wp_posts p JOIN wp_users u ON u.ID = p.post_author
  WHERE p.post_status = 'publish' AND p.post_type = 'post';
