# Appended by deploy/build-image.sh to the image repo2docker builds from this repository
# (Binder's image plus what a hub needs). JupyterHub in the image must share the hub's major
# version: Zero to JupyterHub 4.x runs JupyterHub 5 (check yours: helm show chart jupyterhub/jupyterhub).
RUN python -m pip install --no-cache-dir "nbgitpuller==1.3.0" "jupyterhub>=5,<6"
# Kernel culling for every server started from this image; a persistent home volume would
# hide ~/.jupyter, so the settings live in the environment's own config folder.
RUN mkdir -p "${NB_PYTHON_PREFIX}/etc/jupyter" \
 && cp "${REPO_DIR}/.jupyter/jupyter_server_config.py" "${NB_PYTHON_PREFIX}/etc/jupyter/jupyter_server_config.py"
