# cmake -P driver of the install test: installs the DustQt build into a fresh
# temporary prefix, checks the installed executables, then configures, builds
# and runs the consumer project against that prefix only.
#
# -D variables: BUILD_DIR (the DustQt build tree), CONSUMER_DIR (its source),
# WORK_DIR (scratch), VERSION, GENERATOR, CXX_COMPILER, COMPILER_LAUNCHER,
# QT_DIR (Qt6_DIR of the DustQt build), JOBS, STANDALONE_HEADERS (ON: compile
# every installed header on its own).

foreach(var BUILD_DIR CONSUMER_DIR WORK_DIR VERSION GENERATOR CXX_COMPILER QT_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "RunInstallTest.cmake needs -D${var}=...")
    endif()
endforeach()
if(NOT JOBS)
    set(JOBS 2)
endif()

set(prefix "${WORK_DIR}/prefix")
set(consumer_build "${WORK_DIR}/consumer")
file(REMOVE_RECURSE "${prefix}" "${consumer_build}")

string(TIMESTAMP t0 "%s")
macro(step name)
    string(TIMESTAMP now "%s")
    math(EXPR elapsed "${now} - ${t0}")
    message(STATUS "[${elapsed} s] ${name}")
endmacro()

step("install into ${prefix}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}"
    OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)

# No private header, no test or demo binary, nothing from the build tree.
file(GLOB_RECURSE private_headers "${prefix}/*_p.h")
if(private_headers)
    message(FATAL_ERROR "private headers installed: ${private_headers}")
endif()

# The installed tools run from the prefix (their RUNPATH finds the libraries)
# and report the project version.
foreach(tool dust dust-devserver)
    execute_process(COMMAND "${prefix}/bin/${tool}" --version
        OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
    string(STRIP "${out}" out)
    if(NOT rc EQUAL 0 OR NOT out MATCHES "^(${tool} )?${VERSION}$")
        message(FATAL_ERROR "installed ${tool} --version: exit ${rc}, printed '${out}' ${err}; "
            "expected ${VERSION}")
    endif()
endforeach()

step("configure the consumer")
set(launcher "")
if(COMPILER_LAUNCHER)
    set(launcher "-DCMAKE_CXX_COMPILER_LAUNCHER=${COMPILER_LAUNCHER}")
endif()
# Only the temporary prefix and Qt: never the DustQt build tree.
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${CONSUMER_DIR}" -B "${consumer_build}"
        -G "${GENERATOR}" -DCMAKE_BUILD_TYPE=Debug
        "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" ${launcher}
        "-DCMAKE_PREFIX_PATH=${prefix}" "-DQt6_DIR=${QT_DIR}"
        -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
        "-DDUST_PREFIX=${prefix}"
        "-DDUST_STANDALONE_HEADERS=${STANDALONE_HEADERS}"
    OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)

step("build the consumer")
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${consumer_build}" --parallel ${JOBS}
    OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "building the consumer failed:\n${out}")
endif()

step("run the consumer")
execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${consumer_build}" --output-on-failure
    COMMAND_ERROR_IS_FATAL ANY)
step("done")
