# Keycloak laid out as its official image is (quay.io/keycloak/keycloak): /opt/keycloak owned by uid 1000,
# group 0, kc.sh as the entrypoint, KC_RUN_IN_CONTAINER set (without it 26.7's start-dev binds localhost
# only and published ports answer nothing). The build context holds the unpacked server distribution
# that the harness fetched from Maven Central and checked (`saml-harness keycloak fetch`).
ARG JRE_IMAGE
FROM ${JRE_IMAGE}
ENV LANG=C.UTF-8 KC_RUN_IN_CONTAINER=true
RUN echo 'keycloak:x:1000:0:keycloak user:/opt/keycloak:/sbin/nologin' >> /etc/passwd
COPY --chown=1000:0 keycloak /opt/keycloak
USER 1000
EXPOSE 8080 8443 9000
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]
