#pragma once
// The overload-set helper for std::visit: a forgotten alternative fails to compile.

namespace retort {

template <class... Ts>
struct overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

}  // namespace retort
