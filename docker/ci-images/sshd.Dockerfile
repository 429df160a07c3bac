# Testcontainers' port forwarder (what testcontainers/sshd is): an SSH server that lets root log in with
# the password in $PASSWORD and forwards remote ports on every address, so that containers reach ports of
# the machine running the tests. netstat answers Testcontainers' check of an already exposed port.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openssh-server net-tools \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /run/sshd && ssh-keygen -A
EXPOSE 22
CMD ["sh", "-c", "echo \"root:${PASSWORD:-root}\" | chpasswd && exec /usr/sbin/sshd -D -e -o PermitRootLogin=yes -o PasswordAuthentication=yes -o AddressFamily=inet -o GatewayPorts=yes -o AllowTcpForwarding=yes"]
