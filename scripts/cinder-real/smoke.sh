#!/usr/bin/env bash
# Smoke test against a running `MODE=aio cinder-real.sh start`: the Attachments
# lifecycle with plain curl. Prints "<METHOD> <path> -> <status>" per step and
# exits non-zero on the first unexpected status.
#   BASE=http://127.0.0.1:18776 ./smoke.sh        (BASE defaults to that)
set -euo pipefail

BASE="${BASE:-http://127.0.0.1:${PORT:-18776}}"
# noauth: token "user:project". The URL project must equal the token's and
# match project_id_regex (default [0-9a-f\-]+), hence a hex project id.
P=7a3f0c2e9b1d4e5f8a6b4c3d2e1f0a9b
TOKEN="admin:$P"
INSTANCE=11111111-2222-3333-4444-555555555555
CONNECTOR='{"initiator": "iqn.1993-08.org.debian:01:abc", "ip": "127.0.0.1", "platform": "x86_64", "host": "testhost", "os_type": "linux", "multipath": false, "mountpoint": "/dev/vdb", "mode": "rw"}'
BODY=$(mktemp); trap 'rm -f "$BODY"' EXIT

# call EXPECTED METHOD PATH [MICROVERSION] [JSON] [extra curl args...]
call() {
  local want=$1 method=$2 path=$3 mv=${4:-} data=${5:-}; shift 5 2>/dev/null || shift $#
  local args=(-s -o "$BODY" -w '%{http_code}' -X "$method" -H "X-Auth-Token: $TOKEN")
  [ -n "$mv" ] && args+=(-H "OpenStack-API-Version: volume $mv")
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' -d "$data")
  local code; code=$(curl "${args[@]}" "$@" "$BASE$path")
  echo "$method $path ${mv:+[$mv] }-> $code" >&2
  if [ "$code" != "$want" ]; then echo "expected $want; body: $(cat "$BODY")" >&2; exit 1; fi
}
check() {  # EXPR EXPECTED: python expression over the last body `d`
  local got; got=$(field "$1")
  [ "$got" = "$2" ] || { echo "expected $1 == $2, got $got" >&2; exit 1; }
}
field() { /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"d": d}))' "$BODY" "$1"; }

call 300 GET / "" ""
call 202 POST "/v3/$P/volumes" "" '{"volume": {"size": 1, "name": "smoke"}}'
VOL=$(field 'd["volume"]["id"]')
for _ in $(seq 1 50); do                                  # usually < 1 s
  call 200 GET "/v3/$P/volumes/$VOL" "" ""
  st=$(field 'd["volume"]["status"]'); [ "$st" = available ] && break
  [ "$st" = error ] && { echo "volume went to error" >&2; exit 1; }
  sleep 0.2
done
[ "$st" = available ] || { echo "volume stuck in $st" >&2; exit 1; }

call 200 POST "/v3/$P/attachments" 3.27 \
  "{\"attachment\": {\"volume_uuid\": \"$VOL\", \"instance_uuid\": \"$INSTANCE\"}}"
ATT=$(field 'd["attachment"]["id"]')
check 'd["attachment"]["status"]' reserved
call 200 GET "/v3/$P/attachments/$ATT" 3.27 ""
call 200 GET "/v3/$P/attachments" 3.27 ""
check 'len(d["attachments"])' 1
call 200 GET "/v3/$P/attachments/detail" 3.27 ""
call 200 PUT "/v3/$P/attachments/$ATT" 3.27 "{\"attachment\": {\"connector\": $CONNECTOR}}"
check 'd["attachment"]["connection_info"]["driver_volume_type"]' iscsi
call 200 GET "/v3/$P/volumes/$VOL" 3.27 ""
check 'd["volume"]["status"]' attaching
call 204 POST "/v3/$P/attachments/$ATT/action" 3.44 '{"os-complete": null}'
call 200 GET "/v3/$P/attachments/$ATT" 3.44 ""
check 'd["attachment"]["status"]' attached
call 200 GET "/v3/$P/volumes/$VOL" 3.44 ""
check 'd["volume"]["status"]' in-use
# Bug #2004555 guard: instance_uuid + connection_info => cinder asks Nova,
# which does not exist here => 500, unless the caller looks like a service.
call 500 DELETE "/v3/$P/attachments/$ATT" 3.44 ""
call 200 DELETE "/v3/$P/attachments/$ATT" 3.44 "" -H 'X-Service-Roles: service'
call 404 GET "/v3/$P/attachments/$ATT" 3.44 ""
call 200 GET "/v3/$P/volumes/$VOL" 3.44 ""
check 'd["volume"]["status"]' available
echo "smoke: OK" >&2
