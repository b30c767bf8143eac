"""Jupyter server settings the course ships: idle kernels are shut down (culled).

One student who opens all eight notebooks and leaves them open holds eight kernels of
112-145 MB each plus the server: 1.15 GB (RSS), over a typical hub's 1 GB per user. With
this culling, a student working through them holds about 250 MB.
A kernel idle for 15 minutes is shut down even while its tab is open; every notebook re-runs
top to bottom in seconds, so a culled kernel costs a student one "Run All".
Measured effect: ``make bench-memory`` (figures in benchmarks/RESULTS.md and deploy/README.md).

Where it applies:
- ``make lab`` passes this file with ``--config``.
- Binder: repo2docker copies the repository into $HOME, so this is ~/.jupyter/jupyter_server_config.py.
- JupyterHub: deploy/values.yaml (Zero to JupyterHub) and deploy/tljh.md install the same
  settings into the single-user environment (a persistent home hides the image's ~/.jupyter).
Keep the numbers in step with deploy/ (tests/test_deploy.py compares them).
"""

c = get_config()  # noqa: F821 - provided by Jupyter when it loads this file

# Shut a kernel down after 15 idle minutes, checking every minute.
c.MappingKernelManager.cull_idle_timeout = 900
c.MappingKernelManager.cull_interval = 60
# Also when a browser tab is still connected: students leave tabs open.
c.MappingKernelManager.cull_connected = True
# Never interrupt a computation that is still running.
c.MappingKernelManager.cull_busy = False
