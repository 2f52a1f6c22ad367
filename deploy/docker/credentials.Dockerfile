# syntax=docker/dockerfile:1
# The one-shot container that makes a compose suite's credentials on its first start (generate-credentials.sh):
# the internal identity's key pairs, one per calling service, with the same program deploy/local/run.sh uses
# (deploy/local/lib/GenerateIdentityKey.java on service-support's jar, hence a JDK image: the source launcher
# needs the compiler), and random passwords for PostgreSQL and Grafana. Nothing it makes is in the repository.
# Build from the repository root after `./mvnw package`:
#   docker build -f deploy/docker/credentials.Dockerfile -t coffer/credentials:0.1.0-SNAPSHOT .
FROM eclipse-temurin:21-jdk
WORKDIR /opt/coffer
COPY service-support/target/coffer-service-support.jar deploy/local/lib/GenerateIdentityKey.java \
     deploy/docker/generate-credentials.sh ./
# Runs as root on purpose: it hands each file to the user of the one container that reads it (10001 for Coffer's
# services, 999 for PostgreSQL, 472 for Grafana), then exits.
ENTRYPOINT ["bash", "/opt/coffer/generate-credentials.sh"]
