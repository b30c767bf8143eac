"""JupyterHub config for tests/hub/hub_check.py: a real hub on 127.0.0.1 with login required.

Everything comes from HUB_TEST_* environment variables set by hub_check.py. Students log in
with a password (SharedPasswordAuthenticator: a wrong one is refused); the test
drives the hub with an admin service token. As root each student is a system user of their
own (LocalProcessSpawner); otherwise one process per student under the test's own user.
"""

import json
import os
import pwd
import shutil

from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file
env = os.environ
state = env["HUB_TEST_DIR"]

c.JupyterHub.bind_url = f"http://127.0.0.1:{env['HUB_TEST_PORT']}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env["HUB_TEST_HUB_PORT"])
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['HUB_TEST_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.auth_token = env["HUB_TEST_PROXY_TOKEN"]
# The hub's own files in a folder only the hub's user may enter (security review D5): the
# database holds user names, token and OAuth rows; the state folder is readable by students.
private = env["HUB_TEST_PRIVATE"]
c.ConfigurableHTTPProxy.pid_file = os.path.join(private, "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{os.path.join(private, 'jupyterhub.sqlite')}"
c.JupyterHub.cookie_secret_file = os.path.join(private, "cookie_secret")
c.JupyterHub.pid_file = os.path.join(private, "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every student's server
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.check_running_servers = False  # no "is there a newer JupyterHub" look-ups
c.JupyterHub.concurrent_spawn_limit = 0

c.ConfigurableHTTPProxy.command = [env["HUB_TEST_PROXY_CMD"]]

# Every student logs in with the class password (a wrong one is refused).
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = env["HUB_TEST_PASSWORD"]
c.Authenticator.allow_all = True

# The test's admin: a service whose token may create users, tokens and servers. The course's
# checker (deploy/checker/), run by the hub with the key in its own environment, as on a class
# hub; each student's server token may call it (the server role's defaults plus that scope).
c.JupyterHub.services = [
    {"name": "course-test", "api_token": env["HUB_TEST_ADMIN_TOKEN"]},
    {"name": "course-checker", "url": f"http://127.0.0.1:{env['HUB_TEST_CHECKER_PORT']}",
     "command": json.loads(env["HUB_TEST_CHECKER_CMD"]), "cwd": state,
     "environment": {"COURSE_CHECKER_STATE_DIR": os.path.join(state, "checker-state"),
                     "PYTHONPATH": env["HUB_TEST_CHECKER_KEY"], "COURSE_CHECKER_TRIES_PER_HOUR": "20",
                     # The class seed of the published edition: the service judges with the class's key.
                     "COURSE_SEED": env["HUB_TEST_COURSE_SEED"]}},
]
c.JupyterHub.load_roles = [
    {"name": "admin", "services": ["course-test"]},
    # A token never holds more than its owner: students may use the checker, and so their servers' tokens.
    {"name": "user", "scopes": ["self", "access:services!service=course-checker"]},
    {"name": "server", "scopes": ["users:activity!user", "access:servers!server",
                                  "access:services!service=course-checker"]},
]

c.Spawner.cmd = [env["HUB_TEST_SINGLEUSER"]]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# The course's server settings (kernel culling), as deploy/ installs them on a real hub,
# and git allowed to read the local clone the course is pulled from although another user
# owns it (git honours safe.directory only in a global or system config file).
# Nothing of the test's own Python setup (PYTHONPATH could point at the full course) reaches a
# student's server: it gets the environment a hub gives, plus these.
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL"]
c.Spawner.environment = {
    "JUPYTER_CONFIG_PATH": env["HUB_TEST_USER_CONFIG"],
    "GIT_CONFIG_GLOBAL": os.path.join(state, "course", "gitconfig"),
    "COURSE_CHECKER_URL": f"http://127.0.0.1:{env['HUB_TEST_PORT']}/services/course-checker/",
}
LAYOUT = json.loads(env["HUB_TEST_POD_LAYOUT"])  # tests/hub/pod_layout.py, from deploy/values.yaml


class PodLike:
    """A local server laid out like a Zero to JupyterHub pod (tests/hub/pod_layout.py).

    The pod's home volume is the student's real home; the image's own folder is a scratch
    folder created at start and deleted at stop, as a pod's filesystem goes with it. The server
    starts in, and serves, the folders values.yaml names, mapped onto those two.
    """

    def image_folder(self):
        return os.path.join(state, "pods", self.user.name)

    def real_home(self):
        return pwd.getpwnam(self.user.name).pw_dir if isinstance(self, LocalProcessSpawner) and \
            not isinstance(self, SimpleLocalProcessSpawner) else self.home_dir

    def local_path(self, pod_path):
        for pod, real in ((LAYOUT["home"], self.real_home()), (LAYOUT["image_dir"], self.image_folder())):
            if pod_path == pod or pod_path.startswith(pod.rstrip("/") + "/"):
                return real + pod_path[len(pod):]
        raise ValueError(f"{pod_path} is neither in the home volume nor in the image's folder")

    async def start(self):
        folder = self.image_folder()
        os.makedirs(folder, exist_ok=True)
        if env["HUB_TEST_SPAWNER"] == "system-users":
            user = pwd.getpwnam(self.user.name)
            os.chown(folder, user.pw_uid, user.pw_gid)
        self.notebook_dir = self.local_path(LAYOUT["root_dir"])
        return await super().start()

    async def stop(self, now=False):
        await super().stop(now=now)
        shutil.rmtree(self.image_folder(), ignore_errors=True)

    def make_preexec_fn(self, name):
        inner, cwd = super().make_preexec_fn(name), self.local_path(LAYOUT["cwd"])

        def preexec():
            inner()
            os.chdir(cwd)

        return preexec


class PodLikeSystemUserSpawner(PodLike, LocalProcessSpawner):
    pass


class PodLikeSimpleSpawner(PodLike, SimpleLocalProcessSpawner):
    pass


os.makedirs(os.path.join(state, "pods"), mode=0o755, exist_ok=True)
if env["HUB_TEST_SPAWNER"] == "system-users":
    c.JupyterHub.spawner_class = PodLikeSystemUserSpawner
else:
    c.JupyterHub.spawner_class = PodLikeSimpleSpawner
    c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(state, "homes", "{username}")
