# a MySQL dump's routine
DELIMITER ;;
CREATE DEFINER=`root`@`localhost` FUNCTION `f`(x INT) RETURNS int
BEGIN
  DECLARE y INT DEFAULT 0; -- a comment; with a semicolon
  lbl: LOOP
    SET y = y + 1;
    IF y > x THEN LEAVE lbl; END IF;
  END LOOP lbl;
  RETURN CASE WHEN y > 1 THEN y ELSE 'it''s; \'quoted\'' END;
END ;;
DELIMITER ;
/*!40101 SET NAMES utf8mb4 */;
INSERT INTO `t` VALUES ('a;b', "c;d", `e;f`) # trailing comment;
;
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW BEGIN IF NEW.a IS NULL THEN SET NEW.a = IF(1, 2, 3); END IF; END;
SELECT 1
