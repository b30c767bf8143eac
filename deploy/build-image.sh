#!/bin/bash
# Build the students' image from this repository with repo2docker (as Binder does), push it,
# and print the values to put in deploy/values.yaml. Needs Docker and a registry you can push to.
#   deploy/build-image.sh registry.example.edu/course/applied-dl-math
set -euo pipefail
IMAGE="${1:?usage: deploy/build-image.sh <registry>/<name>   (the tag is the current commit)}"
cd "$(dirname "$0")/.."
TAG="$(git rev-parse --short=12 HEAD)"
# --target-repo-dir: outside the home folder, which a hub mounts a persistent volume over
# (postBuild's editable install and data/ must stay visible).
jupyter-repo2docker --no-run --push --user-name jovyan --user-id 1000 \
  --target-repo-dir /srv/course \
  --appendix "$(cat deploy/image-appendix.dockerfile)" \
  --image-name "$IMAGE:$TAG" .
echo "singleuser.image.name: $IMAGE"
echo "singleuser.image.tag:  \"$TAG\""
