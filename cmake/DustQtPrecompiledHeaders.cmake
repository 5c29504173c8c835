# Precompiled headers: parsing the Qt and standard headers is most of a
# translation unit's compile time in a debug build, and a large share under
# the sanitizers. Each library precompiles them once for its own sources;
# the single-source executables (tests, tools) share one precompiled header.
#
# The shared header must not depend on macros that differ between the
# executables using it: GCC then ignores it (CMake passes -Winvalid-pch, so
# DUST_WERROR turns that into an error). Qt Test's headers test the
# per-target QT_TESTCASE_BUILDDIR and QT_GUI_LIB/QT_WIDGETS_LIB, and
# QtHttpServer tests QT_WEBSOCKETS_LIB; they stay out of the shared list.

option(DUST_PCH "Precompile the Qt and standard headers (faster clean builds)" ON)

# Headers that every DustQt source can see (DustQt::Core links QtCore and
# QtNetwork publicly) and whose content no per-target macro changes.
set(DUST_PCH_HEADERS
    <algorithm> <atomic> <chrono> <functional> <map> <memory> <mutex> <optional>
    <thread> <utility> <vector>
    <QtCore/qbytearray.h> <QtCore/qcoreapplication.h> <QtCore/qdatetime.h>
    <QtCore/qdir.h> <QtCore/qelapsedtimer.h> <QtCore/qfile.h> <QtCore/qfuture.h>
    <QtCore/qhash.h> <QtCore/qjsonarray.h> <QtCore/qjsondocument.h>
    <QtCore/qjsonobject.h> <QtCore/qjsonvalue.h> <QtCore/qlist.h>
    <QtCore/qloggingcategory.h> <QtCore/qmap.h> <QtCore/qmetaobject.h>
    <QtCore/qmutex.h> <QtCore/qobject.h> <QtCore/qpointer.h> <QtCore/qprocess.h>
    <QtCore/qrandom.h> <QtCore/qregularexpression.h> <QtCore/qstring.h>
    <QtCore/qstringlist.h> <QtCore/qtemporarydir.h> <QtCore/qthread.h>
    <QtCore/qtimer.h> <QtCore/qurl.h> <QtCore/qurlquery.h> <QtCore/qvariant.h>
    <QtNetwork/qsslconfiguration.h> <QtNetwork/qtcpserver.h> <QtNetwork/qtcpsocket.h>
)

# What ccache needs to cache the sources that use a precompiled header
# besides the sloppiness that `./run` sets: GCC names the header it uses in
# the preprocessed output, clang leaves the build time out of it.
if(DUST_PCH AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-fpch-preprocess)
elseif(DUST_PCH AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    add_compile_options("SHELL:-Xclang -fno-pch-timestamp")
endif()

# dust_target_pch(<target> [<extra headers...>])
#
# A library's own precompiled header: the shared list plus the headers of
# the modules it links privately (QtSql, QtWebSockets, QtQml, ...).
function(dust_target_pch target)
    if(DUST_PCH)
        target_precompile_headers(${target} PRIVATE ${DUST_PCH_HEADERS} ${ARGN})
    endif()
endfunction()

# The precompiled header that the single-source executables reuse instead of
# each compiling the shared list, hosted by an empty object library with
# their flags. GCC only: clang refuses a precompiled header built with other
# -D options, and these executables differ in them.
if(DUST_PCH AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    file(CONFIGURE OUTPUT "${PROJECT_BINARY_DIR}/dust_shared_pch.cpp" CONTENT "")
    add_library(dust_shared_pch OBJECT EXCLUDE_FROM_ALL "${PROJECT_BINARY_DIR}/dust_shared_pch.cpp")
    set_target_properties(dust_shared_pch PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
    target_link_libraries(dust_shared_pch PRIVATE Qt6::Core Qt6::Network)
    target_precompile_headers(dust_shared_pch PRIVATE ${DUST_PCH_HEADERS})
endif()

# _dust_links_network(<target> <out-var>)
#
# Whether <target> links QtNetwork, directly or through the libraries it
# links. The shared header is built with QT_NETWORK_LIB defined, and GCC
# rejects it in a source where a macro defined for it is not.
function(_dust_links_network target out)
    set(pending ${target})
    set(seen "")
    while(pending)
        list(POP_FRONT pending current)
        if(current STREQUAL "Qt6::Network")
            set(${out} TRUE PARENT_SCOPE)
            return()
        endif()
        if(NOT TARGET ${current} OR current IN_LIST seen)
            continue()
        endif()
        list(APPEND seen ${current})
        get_target_property(type ${current} TYPE)
        set(links "")
        if(NOT type STREQUAL "INTERFACE_LIBRARY")
            get_target_property(direct ${current} LINK_LIBRARIES)
            if(direct)
                list(APPEND links ${direct})
            endif()
        endif()
        get_target_property(interface ${current} INTERFACE_LINK_LIBRARIES)
        if(interface)
            list(APPEND links ${interface})
        endif()
        foreach(link IN LISTS links)
            string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" link "${link}")
            if(link STREQUAL "Qt6::Network" OR (TARGET ${link} AND NOT link IN_LIST seen))
                list(APPEND pending ${link})
            endif()
        endforeach()
    endwhile()
    set(${out} FALSE PARENT_SCOPE)
endfunction()

# dust_share_pch(<directory>)
#
# Gives every executable and static or object library defined in <directory>
# and below that links QtNetwork and has no precompiled header of its own
# the shared one. The
# top-level CMakeLists.txt calls it once all targets exist.
function(dust_share_pch directory)
    if(NOT TARGET dust_shared_pch)
        return()
    endif()
    get_directory_property(targets DIRECTORY "${directory}" BUILDSYSTEM_TARGETS)
    foreach(target IN LISTS targets)
        get_target_property(type ${target} TYPE)
        get_target_property(own ${target} PRECOMPILE_HEADERS)
        get_target_property(reused ${target} PRECOMPILE_HEADERS_REUSE_FROM)
        get_target_property(visibility ${target} CXX_VISIBILITY_PRESET)
        _dust_links_network(${target} network)
        if(type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|OBJECT_LIBRARY)$" AND NOT own AND NOT reused
                AND NOT visibility AND network AND NOT target STREQUAL "dust_shared_pch")
            target_precompile_headers(${target} REUSE_FROM dust_shared_pch)
            # Their moc output is mostly included by the source (x.moc),
            # which leaves this file empty: loading the header would cost
            # more than it saves.
            get_target_property(binary_dir ${target} BINARY_DIR)
            set_source_files_properties("${binary_dir}/${target}_autogen/mocs_compilation.cpp"
                TARGET_DIRECTORY ${target} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
        endif()
    endforeach()
    get_directory_property(subdirectories DIRECTORY "${directory}" SUBDIRECTORIES)
    foreach(subdirectory IN LISTS subdirectories)
        dust_share_pch("${subdirectory}")
    endforeach()
endfunction()
