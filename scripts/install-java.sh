#!/usr/bin/env bash
# Installs what `build: maven` functions are built with: a JDK (17, Debian's default) and Maven,
# and the Maven plugins of the default lifecycle (compiler, resources, jar, surefire) as Debian
# packages them into /usr/share/maven-repo. Maven Central is out of reach where CI runs, so the
# test and example Java projects build offline from that repository (their `.mvn/maven.config`
# says `-o -Dmaven.repo.local=/usr/share/maven-repo`). Idempotent; needs root (or sudo) for
# apt-get. CI runs it before the tests; `tests/java.rs` fails in CI without it.
set -euo pipefail

plugins=/usr/share/maven-repo/org/apache/maven/plugins
if ! command -v mvn >/dev/null || ! command -v javac >/dev/null \
  || [ ! -d "$plugins/maven-compiler-plugin/3.10.1" ] || [ ! -d "$plugins/maven-jar-plugin/3.3.0" ] \
  || [ ! -d "$plugins/maven-resources-plugin/3.3.0" ] || [ ! -d "$plugins/maven-surefire-plugin/2.22.3" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    default-jdk-headless maven libmaven-compiler-plugin-java libmaven-jar-plugin-java \
    libmaven-resources-plugin-java libsurefire-java
fi
mvn -B -v | sed -n 1p
