# Jupyter server config for the browser test (tests/browser/run.sh): loopback only.
# run.sh passes the port, token and root folder on the command line.
c = get_config()  # noqa: F821 (Jupyter provides get_config when it loads this file)
c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port_retries = 0          # run.sh picked a free port; never silently take another one
c.ServerApp.open_browser = False
c.ServerApp.allow_root = True         # CI and dev containers here run as root
c.LabApp.expose_app_in_browser = True  # window.jupyterapp: the reliable kernel-ready wait needs it
c.LabApp.news_url = None              # no news feed fetching (the toast itself is off in run.sh's settings)
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.JupyterNotebookApp.expose_app_in_browser = True  # the same for Notebook 7 (FRONTEND=notebook)
