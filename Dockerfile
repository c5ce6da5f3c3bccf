# syntax=docker/dockerfile:1
# pmsite in a container: docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" IMAGE build
# Build stage: the official .NET SDK image publishes the CLI with the default theme beside it.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files only, so a change to the code does not download the packages again.
COPY Directory.Build.props Directory.Packages.props README.md ./
COPY src/PmSite.Core/PmSite.Core.csproj src/PmSite.Core/
COPY src/PmSite.Cli/PmSite.Cli.csproj src/PmSite.Cli/
RUN dotnet restore src/PmSite.Cli/PmSite.Cli.csproj

COPY src/ src/
COPY theme/ theme/
# The version comes from git tags (MinVer), and .git is not sent to the build: pass it, e.g. --build-arg VERSION=0.2.0.
# pmsite finds its default theme in AppContext.BaseDirectory/theme: a publish without it fails the image build here.
ARG VERSION=
RUN dotnet publish src/PmSite.Cli/PmSite.Cli.csproj -c Release --no-restore -o /app \
        ${VERSION:+-p:MinVerVersionOverride=$VERSION} \
    && test -f /app/theme/layout.liquid \
    && test -f /app/pmsite.dll

# Final stage: framework-dependent on the official ASP.NET Core runtime image, because pmsite serve runs on Kestrel
# (the plain runtime image lacks the Microsoft.AspNetCore.App framework the program references).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
COPY --from=build /app /opt/pmsite
ENV PATH="/opt/pmsite:${PATH}" \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
# The knowledge base is mounted here; pmsite build reads ./input (or --input) and writes ./output.
WORKDIR /site
# The non-root "app" user that the official .NET images create (APP_UID), by number so runAsNonRoot can check it.
USER 1654
ENTRYPOINT ["pmsite"]
CMD ["build"]
