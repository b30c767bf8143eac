"""JupyterHub config for tests/hub/hub_check.py: a real hub on 127.0.0.1 with login required.

Everything comes from HUB_TEST_* environment variables set by hub_check.py. Students log in
with a password (SharedPasswordAuthenticator: a wrong one is refused); the test
drives the hub with an admin service token. As root each student is a system user of their
own (LocalProcessSpawner); otherwise one process per student under the test's own user.
"""

import os

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file
env = os.environ
state = env["HUB_TEST_DIR"]

c.JupyterHub.bind_url = f"http://127.0.0.1:{env['HUB_TEST_PORT']}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env["HUB_TEST_HUB_PORT"])
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['HUB_TEST_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.auth_token = env["HUB_TEST_PROXY_TOKEN"]
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{os.path.join(state, 'jupyterhub.sqlite')}"
c.JupyterHub.cookie_secret_file = os.path.join(state, "cookie_secret")
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.check_running_servers = False  # no "is there a newer JupyterHub" look-ups
c.JupyterHub.concurrent_spawn_limit = 0

c.ConfigurableHTTPProxy.command = [env["HUB_TEST_PROXY_CMD"]]

# Every student logs in with the class password (a wrong one is refused).
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = env["HUB_TEST_PASSWORD"]
c.Authenticator.allow_all = True

# The test's admin: a service whose token may create users, tokens and servers.
c.JupyterHub.services = [{"name": "course-test", "api_token": env["HUB_TEST_ADMIN_TOKEN"]}]
c.JupyterHub.load_roles = [{"name": "admin", "services": ["course-test"]}]

c.Spawner.cmd = [env["HUB_TEST_SINGLEUSER"]]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# The course's server settings (kernel culling), as deploy/ installs them on a real hub,
# and git allowed to read the local clone the course is pulled from although another user
# owns it (git honours safe.directory only in a global or system config file).
c.Spawner.environment = {
    "JUPYTER_CONFIG_PATH": env["HUB_TEST_USER_CONFIG"],
    "GIT_CONFIG_GLOBAL": os.path.join(state, "course", "gitconfig"),
}
if env["HUB_TEST_SPAWNER"] == "system-users":
    c.JupyterHub.spawner_class = "localprocess"
else:
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(state, "homes", "{username}")
