#!/usr/bin/python3
"""All-in-one launcher for the real OpenStack Cinder (Debian python3-cinder).

Started by cinder-real.sh; not meant to be run by hand. Usage:

    /usr/bin/python3 cinder_aio.py --mode aio|api [--db-sync] \
        --config-file STATE/etc/cinder.conf

In ONE process it:
  1. (--db-sync) creates/upgrades the SQLite schema, i.e. what
     `cinder-manage db sync` does, without paying a second interpreter start;
  2. starts the real cinder-api WSGI service (osapi_volume);
  3. with --mode aio, also starts the real cinder-scheduler and one
     cinder-volume per enabled backend (cinder.conf sets up the
     FakeLoggingVolumeDriver shipped in python3-cinder's cinder.tests).

Why one process: there is no message broker. cinder.conf uses
oslo.messaging's in-memory `fake://` transport, whose "queues" are Python
objects, so only services in the same process can talk to each other. This
is the same trick cinder's own functional tests use. With --mode api nobody
consumes RPC: casts (e.g. volume create) are silently dropped and calls
(attachment update, deleting a non-reserved attachment, ...) fail with HTTP
500 after rpc_response_timeout seconds.

The start-up sequence mirrors /usr/lib/python3/dist-packages/cinder/cmd/
{api,scheduler,volume}.py of cinder 21 (Zed).
"""

# TRAP: eventlet must monkey-patch before anything else is imported
# (oslo.*, cinder, even logging), exactly as cinder/cmd/*.py do: modules
# imported earlier keep references to the blocking socket/thread/time
# functions, and one blocking call then stalls every green thread (WSGI
# server, RPC dispatchers, periodic tasks) in this single process.
import eventlet  # noqa: E402
eventlet.monkey_patch()

# TRAP: copied from cinder/cmd/{api,scheduler,volume}.py: make the original
# (un-patched) threading.current_thread() look at the green-thread registry
# too. See https://bugs.launchpad.net/bugs/1863021 and
# https://github.com/eventlet/eventlet/issues/592
import __original_module_threading as orig_threading  # noqa: E402
import threading  # noqa: E402
orig_threading.current_thread.__globals__['_active'] = threading._active

import argparse  # noqa: E402
import logging as python_logging  # noqa: E402
import shlex  # noqa: E402
import sys  # noqa: E402

import os_brick  # noqa: E402
from oslo_config import cfg  # noqa: E402
from oslo_log import log as logging  # noqa: E402
from oslo_privsep import priv_context  # noqa: E402
from oslo_service import service as os_service  # noqa: E402

from cinder import i18n  # noqa: E402
i18n.enable_lazy()
from cinder.common import config  # noqa: E402
from cinder import coordination  # noqa: E402
from cinder.db import migration as db_migration  # noqa: E402
from cinder import objects  # noqa: E402
from cinder import rpc  # noqa: E402
from cinder import service  # noqa: E402
from cinder import utils  # noqa: E402
from cinder import version  # noqa: E402

CONF = cfg.CONF
LOG = logging.getLogger('cinder_aio')


def main():
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument('--mode', choices=('aio', 'api'), default='aio')
    parser.add_argument('--db-sync', action='store_true')
    ours, rest = parser.parse_known_args()

    objects.register_all()
    # Everything else (--config-file ...) goes to oslo.config as usual.
    CONF(rest, project='cinder', version=version.version_string())
    config.set_middleware_defaults()
    logging.setup(CONF, 'cinder')
    python_logging.captureWarnings(True)

    if ours.db_sync:
        # == `cinder-manage db sync` (alembic; idempotent on an existing DB).
        db_migration.db_sync()
        LOG.info('cinder_aio: database schema is up to date')

    utils.monkey_patch()
    coordination.COORDINATOR.start()
    rpc.init(CONF)

    # TRAP: ServiceLauncher, not cinder.service.process_launcher(): the
    # latter forks the WSGI worker(s) into child processes, which would put
    # the API in a different process from scheduler/volume (fake:// cannot
    # cross processes) and leaves children behind if only the parent is
    # killed. ServiceLauncher runs every service as green threads here.
    launcher = os_service.ServiceLauncher(CONF, restart_method='mutate')

    if ours.mode == 'aio':
        # cinder/cmd/volume.py does these two before creating volume
        # services. The fake driver never shells out (it swaps in a fake
        # `execute`), so neither sudo nor cinder-rootwrap is used, but
        # privsep/os-brick still expect to be initialised.
        priv_context.init(root_helper=shlex.split(utils.get_root_helper()))
        os_brick.setup(CONF)
        backends = [b for b in (CONF.enabled_backends or []) if b]
        if not backends:
            sys.exit('cinder_aio: --mode aio needs enabled_backends')
        for backend in backends:
            # host@backend, as cinder-volume names multi-backend services
            # (volumes end up on host "aio@fake#fake").
            launcher.launch_service(service.Service.create(
                host='%s@%s' % (CONF.host, backend), service_name=backend,
                binary='cinder-volume', coordination=True))
        launcher.launch_service(
            service.Service.create(binary='cinder-scheduler'))

    launcher.launch_service(service.WSGIService('osapi_volume'))
    LOG.info('cinder_aio: started (mode=%s)', ours.mode)
    launcher.wait()


if __name__ == '__main__':
    sys.exit(main())
