# Warning and sanitizer flags shared by every DustQt target.

add_compile_options(-Wall -Wextra -Wpedantic)
if(DUST_WERROR)
    add_compile_options(-Werror)
endif()

# Stricter Qt usage: no implicit casts from/to const char*, no foreach.
add_compile_definitions(
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_FOREACH
    QT_NO_URL_CAST_FROM_STRING
)

if(DUST_SANITIZE)
    set(_dust_san_flags -fsanitize=${DUST_SANITIZE} -fno-omit-frame-pointer)
    # A report's stack needs function names and file:line: line tables
    # (-g1) give them, unless the build type has its own -g level (the
    # sanitizer presets use -g1 too: full debug information costs a fifth of
    # their compile time).
    string(TOUPPER "${CMAKE_BUILD_TYPE}" _dust_build_type)
    if(NOT " ${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_dust_build_type}}" MATCHES " -g")
        list(APPEND _dust_san_flags -g1)
    endif()
    if(DUST_SANITIZE MATCHES "undefined")
        list(APPEND _dust_san_flags -fno-sanitize-recover=undefined)
    endif()
    add_compile_options(${_dust_san_flags})
    add_link_options(-fsanitize=${DUST_SANITIZE})
endif()

# lld links an executable in a third of GNU ld's CPU time, which adds up
# over the suite's seventy executables in each of CI's four build trees.
option(DUST_USE_LLD "Link with lld when the compiler can" ON)
if(DUST_USE_LLD)
    include(CheckLinkerFlag)
    check_linker_flag(CXX -fuse-ld=lld DUST_HAVE_LLD)
    if(DUST_HAVE_LLD)
        add_link_options(-fuse-ld=lld)
    endif()
endif()

find_program(DUST_CCACHE ccache)
if(DUST_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${DUST_CCACHE}")
endif()

# Fuzzing (the fuzz preset): every target gets libFuzzer's coverage
# instrumentation, so the fuzzers see the edges taken inside the libraries;
# only the fuzz executables in tests/fuzz link the libFuzzer runtime.
if(DUST_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "DUST_FUZZ needs clang (libFuzzer); configure with the fuzz preset")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link)
    add_link_options(-fsanitize=fuzzer-no-link)
endif()
