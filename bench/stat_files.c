/* The limit for `retort heads` and `history` with a warm header cache (bench/run.py): what any
 * tool must do to know that no migration changed since it last read them. It lists the directory
 * and stats each .sql file in it (one thread), and prints how many there are. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  int fd = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR* dir = fd >= 0 ? fdopendir(dup(fd)) : NULL;
  if (!dir) return 2;
  long files = 0;
  for (struct dirent* e; (e = readdir(dir)) != NULL;) {
    size_t n = strlen(e->d_name);
    struct stat st;
    if (n > 4 && strcmp(e->d_name + n - 4, ".sql") == 0 && fstatat(fd, e->d_name, &st, 0) == 0) ++files;
  }
  closedir(dir);
  close(fd);
  printf("%ld\n", files);
  return 0;
}
