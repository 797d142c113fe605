#!/usr/bin/env bash
# A Docker engine for CI on a machine with no running engine and no registry, started so that it cannot touch
# the host's network: no iptables rules, no NAT, no docker0 bridge, IP forwarding left as it is, and its whole
# state in one folder. The facts behind every flag: ../shared/reference/compose-without-a-registry.md.
#
#   engine.sh install       Debian's docker.io (without letting its package start a default dockerd) and the
#                           compose v2 and buildx plugins (Debian trixie's .deb files, unpacked, not installed)
#   engine.sh start         start dockerd, wait until it answers
#   engine.sh base-image    local/debian:bookworm from debootstrap, the root of every stand-in image
#   engine.sh stop          stop dockerd by its pid and release its mounts
#   engine.sh env           print the exports a shell needs to talk to this engine
#
# ECOMNOW_ENGINE_DIR (default /var/tmp/ecomnow-engine) holds images and build caches between runs, so a second
# run does not download everything again; delete it to start from nothing.
set -euo pipefail

E=${ECOMNOW_ENGINE_DIR:-/var/tmp/ecomnow-engine}
export DOCKER_HOST=unix://$E/docker.sock DOCKER_CONFIG=$E/dockercfg
mkdir -p "$E"

bookworm_mirror() { apt-get indextargets --format '$(REPO_URI) $(RELEASE)' | awk '$2=="bookworm"{print $1; exit}'; }

install() {
  if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null; then
    # docker.io's postinst would start /etc/init.d/docker with default flags (NAT rules, docker0, ip_forward=1)
    # unless policy-rc.d says 101.
    local made=
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made=1
    fi
    grep -q 'exit 101' /usr/sbin/policy-rc.d || { echo "/usr/sbin/policy-rc.d does not exit 101: refusing to install docker.io" >&2; exit 1; }
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io debootstrap >/dev/null
    [[ -n "$made" ]] && rm -f /usr/sbin/policy-rc.d
  fi
  if [[ ! -x "$DOCKER_CONFIG/cli-plugins/docker-compose" || ! -x "$DOCKER_CONFIG/cli-plugins/docker-buildx" ]]; then
    # bookworm has no compose v2 plugin; trixie's is a static Go binary that runs here.
    local a=$E/apt-trixie
    mkdir -p "$a/lists/partial" "$a/cache/archives/partial" "$DOCKER_CONFIG/cli-plugins"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(bookworm_mirror) trixie main" > "$a/sources.list"
    local o=(-o Dir::Etc::SourceList="$a/sources.list" -o Dir::Etc::SourceParts=/dev/null
             -o Dir::State::Lists="$a/lists" -o Dir::Cache="$a/cache")
    apt-get "${o[@]}" update -qq
    (cd "$a" && apt-get "${o[@]}" download -qq docker-compose docker-buildx)
    for d in "$a"/*.deb; do dpkg-deb -x "$d" "$a/x"; done
    cp "$a"/x/usr/libexec/docker/cli-plugins/docker-{compose,buildx} "$DOCKER_CONFIG/cli-plugins/"
  fi
}

running() { [[ -s "$E/dockerd.pid" ]] && kill -0 "$(cat "$E/dockerd.pid")" 2>/dev/null; }

start() {
  if running; then echo "dockerd already running (pid $(cat "$E/dockerd.pid"))"; return; fi
  # 172.30.0.0/16 is not used on this machine; the compose networks take /24s from it. --ip: a port published
  # without an address (Testcontainers does that) binds 127.0.0.1, not every interface.
  setsid nice -n 10 /usr/sbin/dockerd --data-root "$E/data" --exec-root "$E/exec" --pidfile "$E/dockerd.pid" \
    -H "$DOCKER_HOST" --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false --bridge=none \
    --storage-driver=overlay2 --default-address-pool base=172.30.0.0/16,size=24 --ip=127.0.0.1 \
    >"$E/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -20 "$E/dockerd.log"; exit 1; }
  docker version --format 'docker client {{.Client.Version}}, engine {{.Server.Version}}'
  docker compose version
}

base_image() {
  docker image inspect local/debian:bookworm >/dev/null 2>&1 && return
  local rootfs=$E/rootfs
  rm -rf "$rootfs"
  nice -n 10 debootstrap --variant=minbase bookworm "$rootfs" "$(bookworm_mirror)" >"$E/debootstrap.log" 2>&1 \
    || { tail -20 "$E/debootstrap.log"; exit 1; }
  apt-get indextargets --format 'deb $(REPO_URI) $(RELEASE) main' | sort -u > "$rootfs/etc/apt/sources.list"
  printf '#!/bin/sh\nexit 101\n' > "$rootfs/usr/sbin/policy-rc.d"; chmod +x "$rootfs/usr/sbin/policy-rc.d"
  # The certificate authorities this machine trusts beyond Debian's (its egress proxy's): an image that installs
  # ca-certificates trusts them too, so a build can reach Maven Central over HTTPS as the host does.
  mkdir -p "$rootfs/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/" 2>/dev/null || true
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import - local/debian:bookworm >/dev/null
  rm -rf "$rootfs"
}

stop() {
  if [[ -s "$E/dockerd.pid" ]]; then
    local pid; pid=$(cat "$E/dockerd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  # The engine leaves this mounted, and it blocks deleting the state folder.
  umount "$E/exec/netns/default" 2>/dev/null || true
  rm -f "$E/dockerd.pid"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  base-image) base_image ;;
  stop) stop ;;
  env) echo "export DOCKER_HOST=$DOCKER_HOST DOCKER_CONFIG=$DOCKER_CONFIG" ;;
  *) sed -n '2,15p' "$0"; exit 2 ;;
esac
