# One image for everything ScoreCockpit runs: the portal (the default entrypoint), the `scorecockpit` command line,
# the headless scheduler (`scorecockpit scheduler`) and the units of work run as Kubernetes Jobs
# (`scorecockpit unit run …`). Build and deploy: docs/kubernetes.md.
#
#   docker build -t scorecockpit:1.0.0 .

# The SDK runs on the build machine's own platform: what it publishes is IL plus the linux-x64 native libraries.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the project files alone, so that a code change does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ScoreCockpit.Engine/ScoreCockpit.Engine.csproj src/ScoreCockpit.Engine/
COPY src/ScoreCockpit.Migrations.Sqlite/ScoreCockpit.Migrations.Sqlite.csproj src/ScoreCockpit.Migrations.Sqlite/
COPY src/ScoreCockpit.Migrations.Postgres/ScoreCockpit.Migrations.Postgres.csproj src/ScoreCockpit.Migrations.Postgres/
COPY src/ScoreCockpit.Migrations.SqlServer/ScoreCockpit.Migrations.SqlServer.csproj src/ScoreCockpit.Migrations.SqlServer/
COPY src/ScoreCockpit.Web/ScoreCockpit.Web.csproj src/ScoreCockpit.Web/
COPY src/ScoreCockpit.Cli/ScoreCockpit.Cli.csproj src/ScoreCockpit.Cli/
# linux-x64 only: LightGBM and FastTree ship their native libraries for that platform alone, and one runtime
# identifier keeps the other platforms' DuckDB and SQLite libraries out of the image.
RUN dotnet restore src/ScoreCockpit.Web/ScoreCockpit.Web.csproj -r linux-x64 \
    && dotnet restore src/ScoreCockpit.Cli/ScoreCockpit.Cli.csproj -r linux-x64

# The engine embeds the demo's dataprep SQL (db/) and the portal serves the brand assets (wwwroot-assets/).
COPY src/ src/
COPY db/ db/
COPY wwwroot-assets/ wwwroot-assets/
RUN dotnet publish src/ScoreCockpit.Web/ScoreCockpit.Web.csproj -c Release -r linux-x64 --self-contained false \
        --no-restore -p:UseAppHost=false -o /app/portal \
    && dotnet publish src/ScoreCockpit.Cli/ScoreCockpit.Cli.csproj -c Release -r linux-x64 --self-contained false \
        --no-restore -p:UseAppHost=false -o /app/cli

# The published native libraries are linux-x64 (see above), so the runtime is too, whatever the build machine.
FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime

# libgomp1: LightGBM's native library links the GNU OpenMP runtime, which the base image lacks (DuckDB, SQLite and
# FastTree need only libc and libstdc++, which it has; ICU and time zones are there too).
# A numeric UID, so that Kubernetes can check `runAsNonRoot` without a `runAsUser` (the unit Jobs rely on it).
# `scorecockpit` on the PATH runs the command line, as the scheduler's and the unit Jobs' `command` expects.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 10001 scorecockpit \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin scorecockpit \
    && mkdir /data \
    && chown 10001:10001 /data \
    && printf '#!/bin/sh\nexec dotnet /app/cli/scorecockpit.dll "$@"\n' > /usr/local/bin/scorecockpit \
    && chmod 755 /usr/local/bin/scorecockpit

# Owned by root: the running user can read the binaries, never change them.
COPY --from=build /app /app

# The data folder (artifacts, and the embedded SQLite store and DuckDB warehouse when those are used).
# The base image already listens on 8080 (ASPNETCORE_HTTP_PORTS); setting ASPNETCORE_URLS as well only makes the
# portal warn at every start that one overrides the other.
# Units:Command is what the `process` executor starts for each unit.
ENV SCORECOCKPIT_DATA=/data \
    ASPNETCORE_HTTP_PORTS=8080 \
    Units__Command=/usr/local/bin/scorecockpit

# Relative paths given to the command line (`--out report.xlsx`) land in the writable data folder.
WORKDIR /data
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/portal/ScoreCockpit.Web.dll"]
