# Install locations and helpers for `cmake --install` and the DustQt package
# config (find_package(DustQt COMPONENTS Core Server Quick Test)).
#
# Every location is a cache variable relative to CMAKE_INSTALL_PREFIX, so a
# distribution can move it.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(DUST_INSTALL_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}/DustQt" CACHE STRING
    "Public headers, relative to the install prefix")
set(DUST_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/DustQt" CACHE STRING
    "DustQtConfig.cmake and the exported targets, relative to the install prefix")
# Qt's own QML import directory (lib/<arch>/qt6/qml on Debian), so that a
# prefix of /usr puts `Dust` where every Qt application already looks.
if(QT6_INSTALL_QML)
    set(_dust_default_qmldir "${QT6_INSTALL_QML}")
else()
    set(_dust_default_qmldir "${CMAKE_INSTALL_LIBDIR}/qt6/qml")
endif()
set(DUST_INSTALL_QMLDIR "${_dust_default_qmldir}" CACHE STRING
    "QML import directory that receives the Dust module, relative to the install prefix")
# The hook for the translations: install the .qm files here.
set(DUST_INSTALL_TRANSLATIONSDIR "${CMAKE_INSTALL_DATADIR}/DustQt/translations" CACHE STRING
    "Translations (.qm), relative to the install prefix")

foreach(_dust_dir DUST_INSTALL_INCLUDEDIR DUST_INSTALL_CMAKEDIR DUST_INSTALL_QMLDIR
                  DUST_INSTALL_TRANSLATIONSDIR)
    if(IS_ABSOLUTE "${${_dust_dir}}")
        message(FATAL_ERROR "${_dust_dir} must be relative to the install prefix: ${${_dust_dir}}")
    endif()
endforeach()

# Installed libraries, executables and the QML plugin find the DustQt
# libraries they need relative to themselves, wherever the prefix lands (a
# library's RUNPATH, not the application's, finds that library's own
# dependencies). A distribution sets CMAKE_SKIP_INSTALL_RPATH.
set(DUST_INSTALL_LIB_RPATH "$ORIGIN")
file(RELATIVE_PATH _dust_bin_to_lib "/${CMAKE_INSTALL_BINDIR}" "/${CMAKE_INSTALL_LIBDIR}")
set(DUST_INSTALL_BIN_RPATH "$ORIGIN/${_dust_bin_to_lib}")

# dust_install_library(<target> COMPONENT <name> HEADERS <public headers...>)
#
# Installs one DustQt library into the export set DustQt<name>Targets (one
# targets file per package component) and its public headers into
# DUST_INSTALL_INCLUDEDIR (DustQt::Core's come from its layer folders through
# dust_add_public_headers()).
function(dust_install_library target)
    cmake_parse_arguments(arg "" "COMPONENT" "HEADERS" ${ARGN})
    foreach(header IN LISTS arg_HEADERS)
        if(header MATCHES "_p\\.h$")
            message(FATAL_ERROR "${target}: private header ${header} must not be installed")
        endif()
    endforeach()
    set_target_properties(${target} PROPERTIES INSTALL_RPATH "${DUST_INSTALL_LIB_RPATH}")
    install(TARGETS ${target} EXPORT DustQt${arg_COMPONENT}Targets
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" NAMELINK_COMPONENT Devel
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        INCLUDES DESTINATION "${DUST_INSTALL_INCLUDEDIR}")
    if(arg_HEADERS)
        install(FILES ${arg_HEADERS} DESTINATION "${DUST_INSTALL_INCLUDEDIR}" COMPONENT Devel)
        _dust_record_public_headers(${arg_HEADERS})
    endif()
    set_property(GLOBAL APPEND PROPERTY DUST_INSTALLED_LIBRARIES ${target})
    install(EXPORT DustQt${arg_COMPONENT}Targets
        NAMESPACE DustQt::
        FILE DustQt${arg_COMPONENT}Targets.cmake
        DESTINATION "${DUST_INSTALL_CMAKEDIR}"
        COMPONENT Devel)
endfunction()

# dust_install_qml_module(<target> COMPONENT <name> [OUTPUT_TARGETS <targets...>])
#
# Installs the QML module backed by <target> (after dust_install_library())
# in Qt's QML import layout, <DUST_INSTALL_QMLDIR>/<URI as a path>/{qmldir,
# typeinfo, plugin}, with its plugin in the export set DustQt<name>Targets.
# OUTPUT_TARGETS: what qt_add_qml_module(OUTPUT_TARGETS) returned.
function(dust_install_qml_module target)
    cmake_parse_arguments(arg "" "COMPONENT" "OUTPUT_TARGETS" ${ARGN})
    qt_query_qml_module(${target}
        TARGET_PATH target_path
        PLUGIN_TARGET plugin
        QMLDIR qmldir
        TYPEINFO typeinfo)
    set(install_dir "${DUST_INSTALL_QMLDIR}/${target_path}")
    file(RELATIVE_PATH plugin_to_lib "/${install_dir}" "/${CMAKE_INSTALL_LIBDIR}")
    set_target_properties(${plugin} PROPERTIES
        EXPORT_NAME ${arg_COMPONENT}Plugin
        INSTALL_RPATH "$ORIGIN/${plugin_to_lib}")
    set(output_targets ${arg_OUTPUT_TARGETS})
    # A plugin that is a loadable module (whenever Qt is shared, even when
    # DustQt is static) is only loaded by the QML engine. A static plugin (a
    # static Qt) and the object libraries holding its resources are linked
    # into the application, so they are part of the exported targets.
    get_target_property(plugin_type ${plugin} TYPE)
    if(plugin_type STREQUAL "STATIC_LIBRARY")
        install(TARGETS ${plugin} ${output_targets} EXPORT DustQt${arg_COMPONENT}Targets
            ARCHIVE DESTINATION "${install_dir}"
            OBJECTS DESTINATION "${install_dir}")
    else()
        # A static backing library carries its resource object libraries
        # itself (the plugin's own init object is inside the plugin).
        set(resource_targets ${output_targets})
        list(FILTER resource_targets INCLUDE REGEX "^${target}_resources")
        if(NOT BUILD_SHARED_LIBS AND resource_targets)
            install(TARGETS ${resource_targets} EXPORT DustQt${arg_COMPONENT}Targets
                OBJECTS DESTINATION "${install_dir}")
        endif()
        install(TARGETS ${plugin}
            LIBRARY DESTINATION "${install_dir}"
            RUNTIME DESTINATION "${install_dir}")
    endif()
    install(FILES "${qmldir}" "${typeinfo}" DESTINATION "${install_dir}")
endfunction()

# dust_add_public_headers(<files...>)
#
# Installs public headers of DustQt::Core given from a layer folder
# (src/core, src/client, ...), which adds its sources to the one library.
function(dust_add_public_headers)
    foreach(header IN LISTS ARGN)
        if(header MATCHES "_p\\.h$")
            message(FATAL_ERROR "private header ${header} must not be installed")
        endif()
    endforeach()
    install(FILES ${ARGN} DESTINATION "${DUST_INSTALL_INCLUDEDIR}" COMPONENT Devel)
    _dust_record_public_headers(${ARGN})
endfunction()

function(_dust_record_public_headers)
    foreach(header IN LISTS ARGN)
        get_filename_component(name "${header}" NAME)
        set_property(GLOBAL APPEND PROPERTY DUST_PUBLIC_HEADERS "${name}")
    endforeach()
endfunction()

# Every header of an installed library is either private (_p.h) or installed,
# so a new public header cannot be left out of the package.
function(_dust_check_public_headers)
    get_property(libraries GLOBAL PROPERTY DUST_INSTALLED_LIBRARIES)
    get_property(installed GLOBAL PROPERTY DUST_PUBLIC_HEADERS)
    foreach(target IN LISTS libraries)
        get_target_property(sources ${target} SOURCES)
        foreach(source IN LISTS sources)
            get_filename_component(name "${source}" NAME)
            if(name MATCHES "\\.h$" AND NOT name MATCHES "_p\\.h$" AND NOT name IN_LIST installed)
                message(FATAL_ERROR "${target}: ${name} is neither private (_p.h) nor installed; "
                    "add it to the public headers in its folder's CMakeLists.txt")
            endif()
        endforeach()
    endforeach()
endfunction()

# dust_install_package()
#
# Writes DustQtConfig.cmake and DustQtConfigVersion.cmake. Called once, after
# every library is installed.
function(dust_install_package)
    _dust_check_public_headers()
    set(PACKAGE_QML_DIR "${DUST_INSTALL_QMLDIR}")
    set(PACKAGE_TRANSLATIONS_DIR "${DUST_INSTALL_TRANSLATIONSDIR}")
    configure_package_config_file(
        "${PROJECT_SOURCE_DIR}/cmake/DustQtConfig.cmake.in"
        "${PROJECT_BINARY_DIR}/DustQtConfig.cmake"
        INSTALL_DESTINATION "${DUST_INSTALL_CMAKEDIR}"
        PATH_VARS PACKAGE_QML_DIR PACKAGE_TRANSLATIONS_DIR)
    # 0.x: a minor release may break the API, so 0.1 accepts 0.1.* only.
    write_basic_package_version_file(
        "${PROJECT_BINARY_DIR}/DustQtConfigVersion.cmake"
        VERSION "${PROJECT_VERSION}"
        COMPATIBILITY SameMinorVersion)
    install(FILES
        "${PROJECT_BINARY_DIR}/DustQtConfig.cmake"
        "${PROJECT_BINARY_DIR}/DustQtConfigVersion.cmake"
        DESTINATION "${DUST_INSTALL_CMAKEDIR}"
        COMPONENT Devel)
endfunction()
