#!/bin/bash
# Build and push the two images of a class hub, and print the values to put in private.yaml
# (deploy/values.yaml, step 2). Needs Docker and a registry you can push to.
#   deploy/build-image.sh student <registry>/<name> <student repo URL> [branch]
#       the students' image: repo2docker (Binder's builder) on the published student edition
#       (no answer key, no worked solutions), plus nbgitpuller and jupyterhub-singleuser
#   deploy/build-image.sh checker <registry>/<name>-hub
#       the hub's image: the chart's hub image plus this (private) checkout, for the checker
set -euo pipefail
usage="usage: deploy/build-image.sh student <registry>/<name> <student repo URL> [branch]
       deploy/build-image.sh checker <registry>/<name>-hub"
KIND="${1:?$usage}"; IMAGE="${2:?$usage}"
cd "$(dirname "$0")/.."
case "$KIND" in
student)
  REPO="${3:?$usage}"; BRANCH="${4:-student}"
  WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
  git clone --quiet --depth 1 --branch "$BRANCH" "$REPO" "$WORK/course"
  TAG="$(git -C "$WORK/course" rev-parse --short=12 HEAD)"
  # Binder's environment files carry no answers; the student edition may not ship them.
  for f in environment.yml postBuild; do [ -e "$WORK/course/$f" ] || cp "$f" "$WORK/course/$f"; done
  # --target-repo-dir: outside the home folder, which the hub mounts a persistent volume over
  # (the installed course and data/ must stay visible); values.yaml starts servers in the home.
  jupyter-repo2docker --no-run --push --user-name jovyan --user-id 1000 \
    --target-repo-dir /srv/course \
    --appendix "$(cat deploy/image-appendix.dockerfile)" \
    --image-name "$IMAGE:$TAG" "$WORK/course"
  echo "singleuser.image.name: $IMAGE"
  echo "singleuser.image.tag:  \"$TAG\"" ;;
checker)
  TAG="$(git rev-parse --short=12 HEAD)"
  docker build --file deploy/checker/hub-image.dockerfile --tag "$IMAGE:$TAG" .
  docker push "$IMAGE:$TAG"
  echo "hub.image.name: $IMAGE"
  echo "hub.image.tag:  \"$TAG\"" ;;
*) echo "$usage" >&2; exit 2 ;;
esac
