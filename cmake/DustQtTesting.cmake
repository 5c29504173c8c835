# dust_add_test(<name> SOURCES <files...> [LIBRARIES <libs...>] [TIMEOUT <s>])
#
# One Qt Test executable registered with CTest. Tests always run on the
# offscreen platform and get the sanitizer options of the current build.
function(dust_add_test name)
    cmake_parse_arguments(arg "" "TIMEOUT" "SOURCES;LIBRARIES;ENVIRONMENT" ${ARGN})
    qt_add_executable(${name} ${arg_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${arg_LIBRARIES})
    set_target_properties(${name} PROPERTIES MACOSX_BUNDLE OFF WIN32_EXECUTABLE OFF)
    add_test(NAME ${name} COMMAND ${name})
    dust_set_test_environment(${name} TIMEOUT ${arg_TIMEOUT} ENVIRONMENT ${arg_ENVIRONMENT})
endfunction()

# dust_set_test_environment(<test> [TIMEOUT <s>] [ENVIRONMENT <VAR=value...>])
#
# Gives a CTest test registered some other way (the examples, which are
# written the way an application registers its tests) the same platform,
# sanitizer options and timeout as dust_add_test().
function(dust_set_test_environment name)
    cmake_parse_arguments(arg "" "TIMEOUT" "ENVIRONMENT" ${ARGN})
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 300)
    endif()
    # LC_ALL/LANGUAGE: DustQt's tools and demos follow the system language;
    # tests see English texts unless they pick a language themselves.
    set(env
        QT_QPA_PLATFORM=offscreen
        LC_ALL=C.UTF-8
        LANGUAGE=
        "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1"
        "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"
        "TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizers/tsan.supp"
        "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizers/lsan.supp"
        ${arg_ENVIRONMENT})
    set_tests_properties(${name} PROPERTIES TIMEOUT ${arg_TIMEOUT} ENVIRONMENT "${env}")
endfunction()
