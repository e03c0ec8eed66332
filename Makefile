# Run from the repository root. `make` = `make package`.
#   bump     npm version minor in external-chat/ (no commit, no tag)
#   build    bump, then build the plugin into external-chat/dist/
#   deploy   build, then copy external-chat/dist/ to webapp3/branding/plugins/external-chat/
#   package  deploy, then zip webapp3/ to external-chat-v<version>.zip
#   clean    remove external-chat/dist/ and the deployed plugin
# The other jobs never bump the version:
#   demo     build + deploy the current version, serve the demo on two origins
#   test     typecheck, unit tests, browser tests in Debian's Chromium
#   bench    benchmarks against their budgets (non-zero exit when one is missed)

SHELL := /bin/bash
.DEFAULT_GOAL := all
DEPLOYED := webapp3/branding/plugins/external-chat
VERSION = $(shell node -p "require('./external-chat/package.json').version")

.PHONY: all bump build deploy package clean demo test bench install plugin deployed

all: package

# npm ci only when dependencies are missing; node_modules/.package-lock.json is npm's own marker.
node_modules/.package-lock.json:
	npm ci
install: node_modules/.package-lock.json

bump: install
	cd external-chat && npm version minor --no-git-tag-version

build: bump
	$(MAKE) --no-print-directory plugin

deploy: build
	$(MAKE) --no-print-directory deployed

package: deploy
	rm -f external-chat-v*.zip
	python3 -m zipfile -c external-chat-v$(VERSION).zip webapp3
	@echo "Packaged external-chat-v$(VERSION).zip: upload it as Web App 3 branding in Infinity."

clean:
	rm -rf external-chat/dist $(DEPLOYED)

# The building blocks, without a version bump.
plugin: install
	npm run build -w external-chat
	npm run build -w host-bridge

deployed: plugin
	rm -rf $(DEPLOYED)
	mkdir -p $(DEPLOYED)
	cp -R external-chat/dist/. $(DEPLOYED)/

demo: deployed
	npm run build -w examples
	node examples/serve.mjs

test: deployed
	npm run build -w examples
	npm test

bench: deployed
	npm run build -w examples
	node bench/run.mjs
