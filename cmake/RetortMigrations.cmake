# retort_add_migrations(<target> <migrations-dir> [SCHEMA <files>...] [NAME <name>])
#
# Compiles a migrations folder (the one holding versions/, as `retort init` makes it) and,
# optionally, the desired schema's files into <target>: `retort embed` turns them into a C++ source
# at build time, again whenever one of them changes, and checks every file and the graph then, so a
# broken migration fails the build naming the file. The program reads them with
#   retort::Config::embedded(url)          // the one set compiled in
#   retort::Config::embedded(url, name)    // one of several (NAME, default "migrations")
# <target> should be an executable or a shared library: the generated file registers the set from
# a static initialiser, which a static library's unreferenced objects would lose (link it as an
# OBJECT library, or with --whole-archive, in that case).
function(retort_add_migrations target dir)
  cmake_parse_arguments(ARG "" "NAME" "SCHEMA" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "retort_add_migrations: unexpected arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_NAME)
    set(ARG_NAME migrations)
  endif()
  get_filename_component(dir "${dir}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT IS_DIRECTORY "${dir}/versions")
    message(FATAL_ERROR "retort_add_migrations: ${dir} has no versions/ folder (make one with `retort init`)")
  endif()
  # Re-globbed at build time: a new migration file regenerates the source too.
  file(GLOB migration_files CONFIGURE_DEPENDS "${dir}/versions/*.sql")
  set(schema_files)
  set(schema_args)
  foreach(file IN LISTS ARG_SCHEMA)
    get_filename_component(file "${file}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND schema_files "${file}")
    list(APPEND schema_args --schema "${file}")
  endforeach()
  set(out "${CMAKE_CURRENT_BINARY_DIR}/retort_migrations_${ARG_NAME}.cpp")
  add_custom_command(OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -E env RETORT_NO_CACHE=1
            $<TARGET_FILE:retort::cli> embed --dir "${dir}" ${schema_args} --name "${ARG_NAME}" -o "${out}"
    DEPENDS ${migration_files} ${schema_files} retort::cli
    COMMENT "Compiling the migrations in ${dir} into ${target}"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()
