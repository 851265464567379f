// fmt's compiled part, built into the CLI so that it starts without libfmt.so, and so without
// libstdc++.so, which is linked statically (cli/CMakeLists.txt). format-inl.h holds the non-template
// functions; the templates the headers declare `extern` are instantiated here.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {
template FMT_API auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template FMT_API auto decimal_point_impl(locale_ref) -> char;
}  // namespace detail
FMT_END_NAMESPACE
