/* The limit for `retort heads` and `history` with a warm header cache (bench/run.py): what any
 * tool must do to know that no migration changed since it last read them. It lists the directory
 * and stats each .sql file in it, and prints how many there are. With a second argument of 2 the
 * stat calls are split over two threads, as retort splits them. */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct Half {
  int fd;
  char** names;
  long from, to, stated;
};

static void* stat_half(void* arg) {
  struct Half* h = arg;
  struct stat st;
  for (long i = h->from; i < h->to; ++i) h->stated += fstatat(h->fd, h->names[i], &st, 0) == 0;
  return NULL;
}

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) return 2;
  const int threads = argc == 3 ? atoi(argv[2]) : 1;
  int fd = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR* dir = fd >= 0 ? fdopendir(dup(fd)) : NULL;
  if (!dir) return 2;
  long n = 0, cap = 1024;
  char** names = malloc(sizeof *names * cap);
  for (struct dirent* e; (e = readdir(dir)) != NULL;) {
    size_t len = strlen(e->d_name);
    if (len <= 4 || strcmp(e->d_name + len - 4, ".sql") != 0) continue;
    if (n == cap) names = realloc(names, sizeof *names * (cap *= 2));
    names[n++] = strdup(e->d_name);
  }
  closedir(dir);
  struct Half a = {fd, names, 0, threads == 2 ? n / 2 : n, 0}, b = {fd, names, a.to, n, 0};
  pthread_t helper;
  if (threads == 2 && pthread_create(&helper, NULL, stat_half, &a) == 0) {
    stat_half(&b);
    pthread_join(helper, NULL);
  } else {
    a.to = n;
    stat_half(&a);
  }
  close(fd);
  printf("%ld\n", a.stated + b.stated);
  return 0;
}
