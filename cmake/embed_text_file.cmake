# Script mode, called by embed_text (embed_text.cmake): writes OUT, a C++ file defining
# chainrule::embedded::VARIABLE as the text of IN, in raw string literals of at most
# 8 000 bytes each (GCC and MSVC limit one literal's length).
file(READ ${IN} text)
string(FIND "${text}" ")chainrule_embed\"" clash)
if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${IN} contains the raw-string delimiter )chainrule_embed\"")
endif()
string(LENGTH "${text}" length)
set(body "")
set(offset 0)
while(offset LESS length)
    string(SUBSTRING "${text}" ${offset} 8000 piece)
    string(APPEND body "R\"chainrule_embed(${piece})chainrule_embed\"\n")
    math(EXPR offset "${offset} + 8000")
endwhile()
file(WRITE ${OUT} "// Generated from ${IN} by cmake/embed_text_file.cmake: do not edit.\n"
                  "namespace chainrule::embedded {\nextern const char ${VARIABLE}[];\n"
                  "const char ${VARIABLE}[] =\n${body};\n}\n")
