# embed_text(TARGET VARIABLE FILE): compiles the text of FILE into TARGET as
#   extern const char VARIABLE[];   (namespace chainrule::embedded)
# so that a program needs no data folder at run time (the HTML page's own CSS and script,
# written as real .css/.js files). Regenerated when FILE changes.
function(embed_text target variable file)
    set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded/${variable}.cpp)
    add_custom_command(
        OUTPUT ${out}
        COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DVARIABLE=${variable}
                -P ${PROJECT_SOURCE_DIR}/cmake/embed_text_file.cmake
        DEPENDS ${file} ${PROJECT_SOURCE_DIR}/cmake/embed_text_file.cmake
        COMMENT "Embedding ${file}")
    target_sources(${target} PRIVATE ${out})
endfunction()
