#!/bin/bash
# The container's health check (Dockerfile HEALTHCHECK). In HTTP mode:
# GET /healthz on the listen address must answer 200. Otherwise (Socket Mode,
# whose health is the process itself) it passes. Needs only bash: the slim
# image has no curl.
set -u
mode="${SRCBOT_MODE:-socket}"
if [ "$mode" != "http" ]; then exit 0; fi
listen="${SRCBOT_LISTEN:-127.0.0.1:3000}"
port="${listen##*:}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 5 status_line <&3 || exit 1
case "$status_line" in
  HTTP/1.?" 200"*) exit 0 ;;
  *) exit 1 ;;
esac
