# dust_add_test(<name> SOURCES <files...> [LIBRARIES <libs...>] [TIMEOUT <s>]
#               [STARTS_PROCESSES])
#
# One Qt Test executable registered with CTest. Tests always run on the
# offscreen platform and get the sanitizer options of the current build.
# STARTS_PROCESSES marks a test that runs child processes (QProcess) while its
# own threads run.
function(dust_add_test name)
    cmake_parse_arguments(arg "STARTS_PROCESSES" "TIMEOUT" "SOURCES;LIBRARIES;ENVIRONMENT" ${ARGN})
    qt_add_executable(${name} ${arg_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${arg_LIBRARIES})
    set_target_properties(${name} PROPERTIES MACOSX_BUNDLE OFF WIN32_EXECUTABLE OFF)
    add_test(NAME ${name} COMMAND ${name})
    if(arg_STARTS_PROCESSES)
        set(starts_processes STARTS_PROCESSES)
    endif()
    dust_set_test_environment(${name} TIMEOUT ${arg_TIMEOUT} ENVIRONMENT ${arg_ENVIRONMENT}
        ${starts_processes})
endfunction()

# dust_set_test_environment(<test> [TIMEOUT <s>] [ENVIRONMENT <VAR=value...>]
#                           [STARTS_PROCESSES])
#
# Gives a CTest test registered some other way (the examples, which are
# written the way an application registers its tests) the same platform,
# sanitizer options and timeout as dust_add_test().
function(dust_set_test_environment name)
    cmake_parse_arguments(arg "STARTS_PROCESSES" "TIMEOUT" "ENVIRONMENT" ${ARGN})
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 300)
    endif()
    set(tsan_options halt_on_error=1:second_deadlock_stack=1)
    if(arg_STARTS_PROCESSES)
        # QProcess forks while the test's server and client threads run. TSan
        # refuses thread creation in such a fork child by default, although
        # the child only execs; and each child it instruments would wait 1 s
        # at exit for stray threads.
        string(APPEND tsan_options :die_after_fork=0:atexit_sleep_ms=0)
    endif()
    # LC_ALL/LANGUAGE: DustQt's tools and demos follow the system language;
    # tests see English texts unless they pick a language themselves.
    set(env
        QT_QPA_PLATFORM=offscreen
        LC_ALL=C.UTF-8
        LANGUAGE=
        "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1"
        "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"
        "TSAN_OPTIONS=${tsan_options}:suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizers/tsan.supp"
        # print_suppressions=0: the tools a test runs as processes (dust,
        # dust-devserver) keep stderr for their own messages, which tests read.
        "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizers/lsan.supp:print_suppressions=0"
        ${arg_ENVIRONMENT})
    set_tests_properties(${name} PROPERTIES TIMEOUT ${arg_TIMEOUT} ENVIRONMENT "${env}")
endfunction()
