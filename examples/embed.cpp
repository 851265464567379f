// A program that migrates its own SQLite database on boot with the retort library.
//   embed_example <migrations-dir> <database-file>

#include <iostream>
#include <retort/retort.hpp>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: embed_example <migrations-dir> <database-file>\n";
    return 2;
  }
  auto config = retort::Config::for_directory(argv[1], std::string("sqlite:///") + argv[2]);
  try {
    auto result = retort::upgrade(config, "heads");
    std::cout << "applied " << result.steps.size() << " migration(s); now at";
    for (const auto& rev : result.revisions_after) std::cout << ' ' << rev;
    std::cout << '\n';
  } catch (const retort::Error& e) {
    std::cerr << "migration failed: " << e.describe() << '\n';
    return 1;
  }
}
