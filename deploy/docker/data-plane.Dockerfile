# syntax=docker/dockerfile:1
# The data plane image. Build from the repository's root:
#   docker build -f deploy/docker/data-plane.Dockerfile -t hybridgateway/data-plane:0.1.0 .
# How to run it (non-root, read-only root filesystem): docs/operations.md, "Containers".

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Only what the build reads: the SDK pin, the shared build and package settings, the protos, src/.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY protos/ protos/
COPY src/ src/
RUN dotnet publish src/HybridGateway.DataPlane/HybridGateway.DataPlane.csproj -c Release -o /app -p:UseAppHost=false -nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The last good config (DataPlane:CacheDirectory): the one folder the data plane writes, owned by
# the non-root user. Mount a volume here when the root filesystem is read-only.
RUN install -d -o 1654 -g 1654 -m 0700 /var/lib/hybridgateway
VOLUME ["/var/lib/hybridgateway"]
# Our listeners come from HGW_* settings; the image's default ASP.NET Core port would only be
# overridden with a warning.
ENV ASPNETCORE_HTTP_PORTS= \
    DOTNET_NOLOGO=1
# 1654 is the images' non-root 'app' user ($APP_UID); numeric, so runAsNonRoot can check it.
USER 1654:1654
EXPOSE 8000 8443 8100
ENTRYPOINT ["dotnet", "HybridGateway.DataPlane.dll"]
