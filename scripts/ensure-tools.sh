#!/usr/bin/env bash
# Installs the system tools the test suite drives for real (SPEC: real OpenSSH, real telnet,
# socat ptys, chromium, freeradius, slapd). Never skips: if a tool is missing and cannot be installed, the test run fails.
set -euo pipefail
need=()
command -v socat   >/dev/null 2>&1 || need+=(socat)
command -v ssh     >/dev/null 2>&1 || need+=(openssh-client)
command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
command -v telnet  >/dev/null 2>&1 || need+=(telnet)
command -v expect  >/dev/null 2>&1 || need+=(expect)
command -v sshpass >/dev/null 2>&1 || need+=(sshpass)
command -v script  >/dev/null 2>&1 || need+=(bsdutils)
# Browser tests (issue 11): Debian's chromium, driven by playwright-core (which downloads nothing).
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# Central authentication tests (issue 15): real RADIUS and LDAP servers on loopback, and a
# TACACS+ client from Perl to cross-check the test's TACACS+ fixture server.
[ -x /usr/sbin/freeradius ] || need+=(freeradius)
command -v radclient >/dev/null 2>&1 || need+=(freeradius-utils)
[ -x /usr/sbin/slapd ] || need+=(slapd)
command -v ldapadd >/dev/null 2>&1 || need+=(ldap-utils)
perl -MAuthen::TacacsPlus -e1 >/dev/null 2>&1 || need+=(libauthen-tacacsplus-perl)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
# unique
mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
echo "ensure-tools: installing missing test tools: ${need[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-tools: not root; install these packages and run again: ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
