# The hub's image for a class with the course's checker: the chart's own hub image plus the
# full course (the answer key) and what its checker imports. Built from the instructor's
# private checkout by `deploy/build-image.sh checker <registry>/<name>-hub`; used as
# hub.image in deploy/values.yaml. Students' pods never run this image.
#   Match HUB_IMAGE's tag to your chart version: helm show chart jupyterhub/jupyterhub
ARG HUB_IMAGE=quay.io/jupyterhub/k8s-hub:4.2.0
FROM ${HUB_IMAGE}
USER root
COPY . /srv/course-key
# A regular (not editable) install: the hub imports the course as it was built, and the
# copy stays for deploy/checker/course_checker.py itself.
RUN python3 -m pip install --no-cache-dir /srv/course-key \
 && chown -R root:root /srv/course-key && chmod -R go-w /srv/course-key
USER ${NB_USER:-jovyan}
