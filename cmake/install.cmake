# Installation: headers under include/chainrule/<layer>/, the static library,
# and a CMake package so that consumers can write
#   find_package(chainrule) + target_link_libraries(app chainrule::chainrule)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

foreach(layer precision ops symbolic graph jacobian autodiff derivations models)
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/${layer}/
            DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/chainrule/${layer}
            FILES_MATCHING PATTERN "*.hpp")
endforeach()
install(FILES ${PROJECT_SOURCE_DIR}/chainrule.hpp ${PROJECT_SOURCE_DIR}/jacobian.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/chainrule)

install(TARGETS chainrule EXPORT chainruleTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT chainruleTargets NAMESPACE chainrule::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/chainrule)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/chainruleConfig.cmake.in
    ${PROJECT_BINARY_DIR}/chainruleConfig.cmake
    INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/chainrule)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/chainruleConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/chainruleConfig.cmake
              ${PROJECT_BINARY_DIR}/chainruleConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/chainrule)
