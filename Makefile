# precis: plain GNU make. Objects go to $(BUILD), never to src/.
#
#   make            library + build/precis
#   make run        install missing Debian packages, build, summarize the bundled corpus
#   make test       install missing Debian packages, build, run every test
#   make asan       the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   make fuzz       each libFuzzer harness for FUZZ_SECONDS on its seed corpus (clang)
#   make memcheck   the end-to-end tests under valgrind memcheck
#   make bench      stage timings (benchmarks/README.md)
#   make tsan       the threads test (tests/test_threads.c) under ThreadSanitizer
#   make install    PREFIX=/usr/local DESTDIR=  (make uninstall removes the same files)

PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR   ?= $(PREFIX)/share/man
BUILD    ?= build
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wcast-qual -Wformat=2 -Wundef -Wvla -Wwrite-strings
# Warnings are errors unless WERROR=0 (say, with a newer compiler that finds new warnings).
WERROR   ?= 1
ifeq ($(WERROR),1)
WARN     += -Werror
endif
PKGS      = libutf8proc openblas gumbo libcmark
# pkg-config is asked only when it exists, so that 'make deps' can run on a bare machine.
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -Iinclude -Isrc -I$(BUILD)/gen -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(PKG_CFLAGS)
# FAULT=-DPRECIS_FAULT_INJECTION builds the allocation-failure hook that tests/test_oom.c drives
# (make asan does); never in a release build.
FAULT    ?=
CPPFLAGS += $(FAULT)
LDLIBS   += $(PKG_LIBS) -lstemmer -lpthread -lm
# JSON is written by the program alone (src/cli/): only build/precis links jansson, not the library.
CLI_LIBS  := $(or $(shell pkg-config --libs jansson 2>/dev/null),-ljansson)
CPPFLAGS += $(shell pkg-config --cflags jansson 2>/dev/null)
SANITIZE  = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# The Debian packages the build and the tests need.
DEBS      = libutf8proc-dev libopenblas-dev libcmocka-dev libstemmer-dev pkg-config groff-base
# Web pages (an HTML5 parser) and Markdown (the CommonMark reference parser).
DEBS     += libgumbo-dev libcmark-dev
# JSON output, its schema check, and the HTML report's browser test (tests/html.sh; it may be
# skipped, and chromium left out, with PRECIS_NO_BROWSER=1).
DEBS     += libjansson-dev python3 python3-jsonschema
# precis batch's sharding test runs GNU parallel --pipe (tests/batch.sh).
DEBS     += parallel
# The Python binding (src/python) and its tests (tests/python): cffi, a compiler's Python.h,
# setuptools and pip in a venv, pytest, hypothesis, and Dask for the distributed test.
DEBS     += python3-dev python3-cffi python3-setuptools python3-pip python3-venv python3-pytest \
            python3-hypothesis python3-dask python3-distributed
ifneq ($(PRECIS_NO_BROWSER),1)
DEBS     += chromium
endif
# And those of 'make fuzz' (clang's libFuzzer) and 'make memcheck', installed only by them.
CHECK_DEBS = clang libclang-rt-14-dev valgrind

# The library: its stages in src/, ROUGE scoring in src/eval/. The program: src/cli/.
LIB_SRC   = $(wildcard src/*.c) $(wildcard src/eval/*.c)
CLI_SRC   = $(wildcard src/cli/*.c)
DATA      = stopwords/en.txt stopwords/en.abbrev stopwords/rouge-smart.txt \
            stopwords/rouge-wordnet-exc.tsv \
            $(filter-out stopwords/en.txt stopwords/en.abbrev,$(sort $(wildcard stopwords/??.txt \
                stopwords/??.abbrev stopwords/??.point stopwords/??.verbs)))
GEN_SRC   = $(BUILD)/gen/precis_data.c
# Language detection's table of every stopword, made at build time (src/tools/gen_detect.c).
STOP_LISTS = $(sort $(wildcard stopwords/??.txt))
DETECT_SRC = $(BUILD)/gen/precis_detect.c
LIB_OBJ   = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/precis_data.o \
            $(BUILD)/obj/precis_detect.o
CLI_OBJ   = $(CLI_SRC:src/%.c=$(BUILD)/obj/%.o)
TEST_SRC  = $(wildcard tests/test_*.c)
TEST_BIN  = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
CORPUS    = tests/data/kim-shoigu

# The version is written once, in include/precis.h; the shared library is
# libprecis.so.MAJOR.MINOR.PATCH with the soname libprecis.so.ABI (PRECIS_ABI: see precis.h).
VERSION  := $(shell sed -n 's/^\#define PRECIS_VERSION "\([0-9.]*\)"$$/\1/p' include/precis.h)
SOMAJOR  := $(shell sed -n 's/^\#define PRECIS_ABI \([0-9]*\)$$/\1/p' include/precis.h)
SONAME    = libprecis.so.$(SOMAJOR)
SHLIB     = $(BUILD)/libprecis.so.$(VERSION)

.PHONY: all run test unit e2e python asan ubsan tsan fuzz fuzz-bins memcheck deps bench bench-quality install uninstall clean format
.DEFAULT_GOAL := all

all: $(BUILD)/libprecis.a $(BUILD)/libprecis.so $(BUILD)/precis

# Library objects export only what include/precis.h declares (it sets default visibility for
# its own declarations): internal functions stay out of libprecis.so's symbol table.
$(BUILD)/obj/%.o: src/%.c include/precis.h src/internal.h | $(BUILD)/obj
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden -MMD -MP -c -o $@ $<

$(BUILD)/obj/eval/%.o: src/eval/%.c include/precis.h include/precis_rouge.h src/internal.h \
                       | $(BUILD)/obj/eval
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden -MMD -MP -c -o $@ $<

# The program's objects are built without -Isrc: they see the public headers and src/cli/ only.
CLI_CPPFLAGS = $(filter-out -Isrc -I$(BUILD)/gen,$(CPPFLAGS))
$(BUILD)/obj/cli/%.o: src/cli/%.c include/precis.h include/precis_rouge.h src/cli/cli.h \
                      | $(BUILD)/obj/cli
	$(CC) $(CLI_CPPFLAGS) $(WARN) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/precis_data.o: $(GEN_SRC) | $(BUILD)/obj
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden -c -o $@ $<

# Word lists are compiled into the binary so the installed tool needs no data files:
# every list becomes an array of its lines.
$(GEN_SRC): $(DATA) src/gen_data.sh | $(BUILD)/obj
	@mkdir -p $(BUILD)/gen
	sh src/gen_data.sh $(DATA) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen_detect: src/tools/gen_detect.c | $(BUILD)/obj
	$(CC) $(WARN) -O2 -o $@ $<

$(DETECT_SRC): $(STOP_LISTS) $(BUILD)/gen_detect
	@mkdir -p $(BUILD)/gen
	$(BUILD)/gen_detect $(STOP_LISTS) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/precis_detect.o: $(DETECT_SRC) src/internal.h include/precis.h | $(BUILD)/obj
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -fPIC -fvisibility=hidden -c -o $@ $<

$(BUILD)/libprecis.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(SHLIB): $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined -o $@ \
	    $(LIB_OBJ) $(LDLIBS)

$(BUILD)/libprecis.so: $(SHLIB)
	ln -sf libprecis.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $@

# The CLI links the static library: the installed binary then runs without the dynamic linker
# finding libprecis.so (no rpath, no ldconfig). tests/install.sh links the CLI's sources against
# the installed libprecis.so as well, which proves it needs nothing but the public API.
$(BUILD)/precis: $(CLI_OBJ) $(BUILD)/libprecis.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libprecis.a $(LDLIBS) $(CLI_LIBS)

$(BUILD)/obj $(BUILD)/obj/cli $(BUILD)/obj/eval $(BUILD)/tests:
	mkdir -p $@

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/*/*.d)

# ---- packages -------------------------------------------------------------------------------
# Installs what is missing (as root: apt-get; otherwise says which command to run). Nothing is
# ever downloaded from anywhere but Debian's archive.
deps:
	@missing=""; for p in $(DEBS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "precis: installing missing Debian packages:$$missing"; \
	    if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y $$missing; \
	    else sudo apt-get update && sudo apt-get install -y $$missing; fi; \
	fi

run: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/precis $(CORPUS)

# ---- tests ----------------------------------------------------------------------------------
$(BUILD)/tests/%: tests/%.c tests/helpers.h $(BUILD)/libprecis.a | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $$(pkg-config --cflags cmocka) -o $@ $< \
	    $(BUILD)/libprecis.a $$(pkg-config --libs cmocka) $(LDLIBS)

test: deps
	@$(MAKE) --no-print-directory unit e2e

unit: all $(TEST_BIN)
	@fail=0; for t in $(TEST_BIN); do $$t || fail=1; done; exit $$fail

e2e: all
	sh tests/harness_selftest.sh
	sh tests/cli.sh $(BUILD)/precis
	sh tests/cli_lang.sh $(BUILD)/precis
	sh tests/cli_oom.sh $(BUILD)/precis
	sh tests/hostile.sh $(BUILD)/precis
	sh tests/rouge_oracle.sh $(BUILD)/precis
	sh tests/json.sh $(BUILD)/precis
	sh tests/html.sh $(BUILD)/precis
	sh tests/batch.sh $(BUILD)/precis
	sh tests/html_input.sh $(BUILD)/precis
	sh tests/query.sh $(BUILD)/precis
	CC="$(CC)" CFLAGS="$(CFLAGS)" LDFLAGS="$(LDFLAGS)" sh tests/install.sh $(BUILD)
	@case "$(CFLAGS)" in *sanitize*) echo "python: skipped (sanitizer build)";; \
	    *) $(MAKE) --no-print-directory python;; esac

# ---- Python binding ---------------------------------------------------------------------------
# Debian's /usr/bin/python3 (not whatever 'python3' is first on PATH), a venv that sees Debian's
# packages, and pip offline (--no-index --no-build-isolation): the package is built from a copy
# in $(BUILD)/python, so that setuptools' files stay out of src/, and links $(BUILD)/libprecis.a.
PYTHON   ?= /usr/bin/python3
PYENV     = $(BUILD)/pyenv
PY_SRC    = $(wildcard src/python/*.py src/python/*.toml src/python/precis/*.py)

$(PYENV)/installed: $(PY_SRC) $(BUILD)/libprecis.a $(wildcard include/*.h)
	rm -rf $(BUILD)/python && mkdir -p $(BUILD)/python && cp -R src/python $(BUILD)/python/src
	[ -x $(PYENV)/bin/python3 ] || $(PYTHON) -m venv --system-site-packages $(PYENV)
	PRECIS_ROOT="$(CURDIR)" PRECIS_BUILD="$(abspath $(BUILD))" $(PYENV)/bin/python3 -m pip \
	    install --quiet --no-index --no-build-isolation --no-deps $(BUILD)/python/src
	touch $@

python: all $(PYENV)/installed
	PYTHONDONTWRITEBYTECODE=1 PRECIS_CLI="$(abspath $(BUILD))/precis" $(PYENV)/bin/python3 \
	    -m pytest -q -p no:cacheprovider tests/python

asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan CFLAGS="-O1 -g $(SANITIZE)" \
	    LDFLAGS="$(SANITIZE)" FAULT=-DPRECIS_FAULT_INJECTION unit e2e

ubsan: deps
	@$(MAKE) --no-print-directory BUILD=build/ubsan \
	    CFLAGS="-O1 -g -fsanitize=undefined -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=undefined" unit e2e

# Several threads summarizing different corpora at once, under ThreadSanitizer (clang, in its own
# build directory). Only this test: the other suites start no threads of their own. OpenBLAS is
# not instrumented (ThreadSanitizer sees only its calls into libc) and needs no suppressions.
# Three runs: a race planted in the library for a trial was reported in about two runs of three.
TSAN      = -fsanitize=thread -fno-omit-frame-pointer
tsan:
	@$(MAKE) --no-print-directory deps DEBS="$(DEBS) clang"
	@$(MAKE) --no-print-directory BUILD=build/tsan CC=clang CFLAGS="-O1 -g $(TSAN)" \
	    LDFLAGS="$(TSAN)" build/tsan/tests/test_threads
	for run in 1 2 3; do \
	    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" build/tsan/tests/test_threads \
	    || exit 1; done

# ---- valgrind -------------------------------------------------------------------------------
# tests/cli.sh (all but the DUC comparisons, which need ../shared/eval and take minutes under
# valgrind), tests/json.sh, tests/batch.sh and tests/hostile.sh with every precis run under
# memcheck, then 'precis
# rouge' on tests/data/rouge. Any
# memcheck error or definite/indirect leak in any run fails the target.
MEMCHECK = valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
           --show-leak-kinds=definite,indirect --track-fds=no --error-exitcode=99

memcheck: all
	@$(MAKE) --no-print-directory deps DEBS="$(CHECK_DEBS)"
	@rm -rf $(BUILD)/memcheck && mkdir -p $(BUILD)/memcheck
	@printf '#!/bin/sh\nexec %s --log-file=%s/vg.%%p.log %s "$$@"\n' "$(MEMCHECK)" \
	    "$(abspath $(BUILD))/memcheck" "$(abspath $(BUILD))/precis" >$(BUILD)/memcheck/precis
	@chmod +x $(BUILD)/memcheck/precis
	PRECIS_EVAL=/nonexistent sh tests/cli.sh $(BUILD)/memcheck/precis
	sh tests/json.sh $(BUILD)/memcheck/precis
	sh tests/batch.sh $(BUILD)/memcheck/precis
	sh tests/hostile.sh $(BUILD)/memcheck/precis
	$(BUILD)/memcheck/precis rouge --refs tests/data/rouge/set -m -s --per-cluster tests/data/rouge/sys \
	    >$(BUILD)/memcheck/rouge.out
	$(BUILD)/precis rouge --refs tests/data/rouge/set -m -s --per-cluster tests/data/rouge/sys \
	    | cmp - $(BUILD)/memcheck/rouge.out
	@runs=$$(ls $(BUILD)/memcheck/vg.*.log | wc -l); \
	if cat $(BUILD)/memcheck/vg.*.log | grep -q .; then \
	    cat $(BUILD)/memcheck/vg.*.log; echo "memcheck: errors in the runs above"; exit 1; \
	else echo "memcheck: $$runs precis runs, no memcheck error, no definite or indirect leak"; fi

# ---- fuzzing (tests/fuzz/README.md) -----------------------------------------------------------
# The library is rebuilt with clang into build/fuzz (the gcc build is untouched); each harness
# runs FUZZ_SECONDS on a scratch corpus dir seeded from tests/fuzz/corpus/<harness>/ (never
# written to). Crashes land in build/fuzz/artifacts/ and fail the target.
FUZZ_SECONDS ?= 10
FUZZ_CC      ?= clang
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SRC      = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN      = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/bin/%)

$(BUILD)/bin/fuzz_%: tests/fuzz/fuzz_%.c $(BUILD)/libprecis.a
	@mkdir -p $(BUILD)/bin
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< \
	    $(BUILD)/libprecis.a $(LDLIBS)

fuzz-bins: $(FUZZ_BIN)

fuzz:
	@$(MAKE) --no-print-directory deps DEBS="$(CHECK_DEBS)"
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=$(FUZZ_CC) \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" fuzz-bins
	@mkdir -p build/fuzz/artifacts
	@for f in $(FUZZ_SRC:tests/fuzz/%.c=%); do \
	    rm -rf build/fuzz/scratch/$$f && mkdir -p build/fuzz/scratch/$$f || exit 1; \
	    echo "fuzz: $$f for $(FUZZ_SECONDS) s"; \
	    OPENBLAS_NUM_THREADS=1 build/fuzz/bin/$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
	        -artifact_prefix=build/fuzz/artifacts/$$f- \
	        build/fuzz/scratch/$$f tests/fuzz/corpus/$$f 2>build/fuzz/$$f.log \
	        || { tail -40 build/fuzz/$$f.log; exit 1; }; \
	    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' build/fuzz/$$f.log | tr '\n' ' '; echo; \
	done

# ---- benchmarks -----------------------------------------------------------------------------
$(BUILD)/bench: benchmarks/bench.c $(BUILD)/libprecis.a
	$(CC) $(CPPFLAGS) $(WARN) -O2 -DNDEBUG -o $@ $< $(BUILD)/libprecis.a $(LDLIBS)

bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/bench
	sh benchmarks/run.sh $(BUILD)

bench-quality: deps
	@$(MAKE) --no-print-directory all
	sh benchmarks/quality.sh $(BUILD)

# ---- install --------------------------------------------------------------------------------
# precis.pc is made from src/precis.pc.in with the directories of this install.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/precis $(DESTDIR)$(BINDIR)/precis
	install -m 644 $(BUILD)/libprecis.a $(DESTDIR)$(LIBDIR)/libprecis.a
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/libprecis.so.$(VERSION)
	ln -sf libprecis.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libprecis.so
	install -m 644 include/precis.h include/precis_rouge.h $(DESTDIR)$(INCLUDEDIR)/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' src/precis.pc.in \
	    > $(DESTDIR)$(LIBDIR)/pkgconfig/precis.pc
	chmod 644 $(DESTDIR)$(LIBDIR)/pkgconfig/precis.pc
	install -m 644 src/precis.1 $(DESTDIR)$(MANDIR)/man1/precis.1
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then \
	    ldconfig; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/precis $(DESTDIR)$(LIBDIR)/libprecis.a \
	    $(DESTDIR)$(LIBDIR)/libprecis.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libprecis.so $(DESTDIR)$(LIBDIR)/pkgconfig/precis.pc \
	    $(DESTDIR)$(INCLUDEDIR)/precis.h $(DESTDIR)$(INCLUDEDIR)/precis_rouge.h \
	    $(DESTDIR)$(MANDIR)/man1/precis.1

clean:
	rm -rf $(BUILD)

# The style is .clang-format's (4 spaces, 100 columns, K&R braces); on today's tree it moves
# about 4% of the lines (hand-wrapped expressions, aligned comments), none of the indentation.
format:
	clang-format -i src/*.c src/*.h src/cli/*.c src/cli/*.h src/eval/*.c src/tools/*.c \
	    include/*.h tests/*.c tests/*.h tests/fuzz/*.c benchmarks/*.c
