# Run from the repository root. `make` = `make package`.
#   bump     npm version minor in external-chat/ (no commit, no tag)
#   build    bump, then build the plugin into external-chat/dist/
#   deploy   build, then copy external-chat/dist/ to webapp3/branding/plugins/external-chat/
#   package  deploy, then zip webapp3/ to external-chat-v<version>.zip
#   clean    remove external-chat/dist/ and the deployed plugin
# The other jobs never bump the version:
#   demo     build + deploy the current version, serve the demo on two origins
#   test     typecheck, unit tests, browser tests in Debian's Chromium
#   bench    benchmarks against their budgets (non-zero exit when one is missed);
#            results in bench/results/latest.md (ignored), no tracked file changes
#   bench-record  bench, then rewrites README.md's "Size and speed" table

SHELL := /bin/bash
.DEFAULT_GOAL := all
DEPLOYED := webapp3/branding/plugins/external-chat
VERSION = $(shell node -p "require('./external-chat/package.json').version")

define deploy_plugin
	rm -rf $(DEPLOYED)
	mkdir -p $(DEPLOYED)
	cp -R external-chat/dist/. $(DEPLOYED)/
endef

.PHONY: all bump build deploy package clean demo test bench bench-record install plugin deployed examples

all: package

# npm ci only when dependencies are missing; node_modules/.package-lock.json is npm's own marker.
node_modules/.package-lock.json:
	npm ci
install: node_modules/.package-lock.json

bump: install
	cd external-chat && npm version minor --no-git-tag-version

build: bump
	npm run build -w external-chat

deploy: build
	$(deploy_plugin)

package: deploy
	rm -f external-chat-v*.zip
	python3 -m zipfile -c external-chat-v$(VERSION).zip webapp3
	@echo "Packaged external-chat-v$(VERSION).zip: upload it to Infinity as Web App 3 branding."

clean:
	rm -rf external-chat/dist $(DEPLOYED)

# Building blocks for the other jobs: never a version bump.
plugin: install
	npm run build -w external-chat

deployed: plugin
	$(deploy_plugin)

examples: install
	npm run build -w host-bridge
	npm run build -w examples

demo: deployed examples
	node examples/serve.mjs

test: deployed examples
	npm test

bench: deployed examples
	node bench/run.mjs

bench-record: deployed examples
	node bench/run.mjs --record
