# OpenLDAP's slapd and ldap-utils from Debian. The harness (and docker-compose.yml) runs its own generated
# slapd.conf through docker/openldap/start-directory.sh, so the package's own configuration stays unused;
# policy-rc.d keeps the package from starting it during the install.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slapd ldap-utils \
 && rm -rf /var/lib/apt/lists/* /usr/sbin/policy-rc.d
EXPOSE 1389
