# Run from the repository root. `make` = `make package`.
#   bump     npm version minor in external-chat/ (no commit, no tag, offline)
#   build    bump, then build the plugin into external-chat/dist/
#   deploy   build, then copy external-chat/dist/ to webapp3/branding/plugins/external-chat/
#   package  deploy, then zip webapp3/ to external-chat-v<version>.zip; warns when
#            the packaged config.json has no allowedOrigins (any page may drive the plugin)
#   clean    remove external-chat/dist/ and the deployed plugin
# The other jobs never bump the version:
#   package-same-version  build, deploy and zip the current version again (the zip of a
#            release rebuilt, e.g. after changing config.json): no bump
#   pack     build host-bridge and the simulator and write their npm tarballs to packs/
#            (ignored), ready to vendor or `npm install`
#   demo     build + deploy the current version, serve the demo on two origins
#   test     typecheck, unit tests, browser tests in Debian's Chromium; checks first
#            that Chromium and mkcert are there
#   bench    benchmarks against their budgets (non-zero exit when one is missed);
#            results in bench/results/latest.md (ignored), no tracked file changes
#   bench-record  bench, then rewrites the results table in bench/RESULTS.md
#   mutate   StrykerJS over the contract, endpoints, service and coalescing (unit tests
#            only; fails under an 85% mutation score); not part of test
# Every job first runs `npm ci` unless node_modules already matches package-lock.json
# (checked on disk); after that nothing needs the network.

SHELL := /bin/bash
.DEFAULT_GOAL := all
DEPLOYED := webapp3/branding/plugins/external-chat
VERSION = $(shell node -p "require('./external-chat/package.json').version")
CONFIG_SOURCE := external-chat/public/config.json

define deploy_plugin
	rm -rf $(DEPLOYED)
	mkdir -p $(DEPLOYED)
	cp -R external-chat/dist/. $(DEPLOYED)/
endef

.PHONY: all bump build deploy package package-same-version pack clean demo test bench bench-record mutate install plugin deployed examples test-prerequisites bench-prerequisites

# The steps share node_modules and the build folders: one at a time, in the order written.
.NOTPARALLEL:

all: package

# npm ci unless every locked package is installed at its version. Not npm's marker
# node_modules/.package-lock.json: `npm install` inside external-chat/ writes it too
# and installs that member's dependencies only.
install:
	@node scripts/installed.mjs || npm ci

# Offline: no workspace reinstall; the lock file's copy of the version is updated from the lock alone.
bump: install
	cd external-chat && npm version minor --no-git-tag-version --no-workspaces-update
	npm install --package-lock-only --offline --no-audit --no-fund

build: bump
	npm run build -w external-chat

deploy: build
	$(deploy_plugin)

define zip_branding
	rm -f external-chat-v*.zip
	python3 -m zipfile -c external-chat-v$(VERSION).zip webapp3
	@echo "Packaged external-chat-v$(VERSION).zip: upload it to Infinity as Web App 3 branding."
	@# The line on what is on reads the feature list from the contract, as host-bridge builds it.
	@npm run build -w host-bridge >/dev/null
	@node scripts/config-warning.mjs $(DEPLOYED)/config.json $(CONFIG_SOURCE)
endef

package: deploy
	$(zip_branding)

package-same-version: deployed
	$(zip_branding)

# The tarballs a stranger installs, outside the source tree: nothing untracked appears in the packages' folders.
pack: install
	npm run build -w host-bridge
	npm run build -w @external-chat/webapp3-simulator
	mkdir -p packs
	npm pack -w host-bridge -w @external-chat/webapp3-simulator --pack-destination packs

clean:
	rm -rf external-chat/dist $(DEPLOYED)

# Building blocks for the other jobs: never a version bump.
plugin: install
	npm run build -w external-chat

deployed: plugin
	$(deploy_plugin)

# The demo's pages: host-bridge, the Web App 3 simulator, and the host pages.
examples: install
	npm run build -w host-bridge
	npm run build -w @external-chat/webapp3-simulator
	npm run build -w examples

demo: deployed examples
	node examples/serve.mjs

# Prerequisites first: a missing Chromium or mkcert fails in a second, before npm ci and the builds.
test: test-prerequisites deployed examples
	npm test

test-prerequisites:
	@node scripts/prerequisites.mjs chromium mkcert

bench-prerequisites:
	@node scripts/prerequisites.mjs chromium

bench: bench-prerequisites deployed examples
	node bench/run.mjs

bench-record: bench-prerequisites deployed examples
	node bench/run.mjs --record

mutate: install
	npx stryker run
