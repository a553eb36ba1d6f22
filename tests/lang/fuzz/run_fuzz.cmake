# Builds the parser's libFuzzer target with clang and runs it for a bounded time.
#   cmake -DCLANGXX=… -DSOURCE_DIR=… -DWORK_DIR=… -DSECONDS=20 -P run_fuzz.cmake
# Prints "SKIPPED: …" (which ctest reports as a skipped test) when clang or its libFuzzer
# runtime is missing. The binary is rebuilt only when a parser source is newer.
if(NOT CLANGXX OR NOT EXISTS "${CLANGXX}")
    message("SKIPPED: clang++ not found, the parser fuzzing needs clang's -fsanitize=fuzzer")
    return()
endif()
file(MAKE_DIRECTORY ${WORK_DIR}/corpus ${WORK_DIR}/seeds)

set(flags -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined)

# Can this clang build a fuzzer at all (libFuzzer runtime installed)?
if(NOT EXISTS ${WORK_DIR}/probe)
    file(WRITE ${WORK_DIR}/probe.cpp
         "#include <cstddef>\n#include <cstdint>\nextern \"C\" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }\n")
    execute_process(COMMAND ${CLANGXX} ${flags} ${WORK_DIR}/probe.cpp -o ${WORK_DIR}/probe
                    RESULT_VARIABLE probe_failed OUTPUT_QUIET ERROR_QUIET)
    if(probe_failed)
        message("SKIPPED: ${CLANGXX} cannot build libFuzzer targets (is clang's runtime, libclang-rt, installed?)")
        return()
    endif()
endif()

set(sources ${SOURCE_DIR}/lang/parser.cpp ${SOURCE_DIR}/lang/diagnostic.cpp ${SOURCE_DIR}/symbolic/latex_names.cpp
            ${SOURCE_DIR}/tests/lang/fuzz/fuzz_parser.cpp)
file(GLOB headers ${SOURCE_DIR}/lang/*.hpp)
set(binary ${WORK_DIR}/fuzz_parser)
set(stale FALSE)
foreach(f IN LISTS sources headers)
    if(NOT EXISTS ${binary} OR ${f} IS_NEWER_THAN ${binary})
        set(stale TRUE)
    endif()
endforeach()
if(stale)
    message("building ${binary} with ${CLANGXX}")
    execute_process(COMMAND ${CLANGXX} ${flags} -I${SOURCE_DIR} ${sources} -o ${binary}.new
                    RESULT_VARIABLE failed OUTPUT_VARIABLE log ERROR_VARIABLE log)
    if(failed)
        message(FATAL_ERROR "the fuzz target does not build:\n${log}")
    endif()
    file(RENAME ${binary}.new ${binary})
endif()

# Seeds: the shipped models, the malformed corpus, the small seeds of this directory.
file(GLOB seeds ${SOURCE_DIR}/examples/*.chain ${SOURCE_DIR}/tests/lang/malformed/*.chain
                ${SOURCE_DIR}/tests/lang/fuzz/seeds/*)
file(COPY ${seeds} DESTINATION ${WORK_DIR}/seeds)

set(artifact_globs ${WORK_DIR}/crash-* ${WORK_DIR}/leak-* ${WORK_DIR}/timeout-* ${WORK_DIR}/oom-*
                   ${WORK_DIR}/slow-unit-*)
file(GLOB earlier_artifacts ${artifact_globs})
execute_process(COMMAND ${binary} -max_total_time=${SECONDS} -max_len=4096 -timeout=10 -rss_limit_mb=2048
                        -dict=${SOURCE_DIR}/tests/lang/fuzz/chain.dict -artifact_prefix=${WORK_DIR}/
                        -print_final_stats=1 ${WORK_DIR}/corpus ${WORK_DIR}/seeds
                RESULT_VARIABLE failed OUTPUT_VARIABLE log ERROR_VARIABLE log)
string(REGEX MATCH "Done [0-9]+ runs[^\n]*" summary "${log}")
# A non-zero exit is a finding only when libFuzzer saved a new input for it (crash-, leak-,
# timeout-, oom-…); an interrupted run (Ctrl-C) saves none and is reported as such.
file(GLOB artifacts ${artifact_globs})
if(earlier_artifacts)
    list(REMOVE_ITEM artifacts ${earlier_artifacts})
endif()
if(failed AND artifacts)
    message(FATAL_ERROR "the parser fuzzer found a problem (inputs: ${artifacts}):\n${log}")
elseif(failed)
    message(FATAL_ERROR "the parser fuzzer stopped early (exit ${failed}) without a finding:\n${log}")
endif()
message("parser fuzzing: ${summary}")
