# Runs one example program as a user runs it and checks its exit code and what it prints.
#   cmake -DEXE=<program> [-DARGS="a b c"] [-DEXIT=0]
#         [-DMATCH_1=<regex> … -DMATCH_9=…]          each must match standard output
#         [-DERR_MATCH_1=<regex> … -DERR_MATCH_9=…]  each must match standard error
#         [-DREQUIRES=<file> -DREQUIRES_HINT=<how to get it>]
#         -P run_example.cmake
# When REQUIRES names a missing file the check cannot run: it prints "SKIPPED: …" with the
# reason, which ctest reports as a skipped test (SKIP_REGULAR_EXPRESSION).
# Every pattern must match (ctest's PASS_REGULAR_EXPRESSION passes on any one of them).
# The expected numbers are independent of the program: see tests/examples/CMakeLists.txt.
if(DEFINED REQUIRES AND NOT EXISTS "${REQUIRES}")
    message("SKIPPED: ${REQUIRES} is missing (${REQUIRES_HINT})")
    return()
endif()
if(NOT DEFINED EXIT)
    set(EXIT 0)
endif()
separate_arguments(args UNIX_COMMAND "${ARGS}")
execute_process(COMMAND "${EXE}" ${args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
set(problems "")
if(NOT "${rc}" STREQUAL "${EXIT}")
    string(APPEND problems "exit code ${rc}, expected ${EXIT}\n")
endif()
foreach(i RANGE 1 9)
    if(DEFINED MATCH_${i} AND NOT out MATCHES "${MATCH_${i}}")
        string(APPEND problems "standard output does not match: ${MATCH_${i}}\n")
    endif()
    if(DEFINED ERR_MATCH_${i} AND NOT err MATCHES "${ERR_MATCH_${i}}")
        string(APPEND problems "standard error does not match: ${ERR_MATCH_${i}}\n")
    endif()
endforeach()
if(problems)
    message(FATAL_ERROR "${EXE} ${ARGS}\n${problems}--- standard output ---\n${out}\n--- standard error ---\n${err}")
endif()
message(STATUS "ok: ${EXE} ${ARGS}")
