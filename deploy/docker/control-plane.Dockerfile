# syntax=docker/dockerfile:1
# The control plane image. Build from the repository's root:
#   docker build -f deploy/docker/control-plane.Dockerfile -t hybridgateway/control-plane:0.1.0 .
# How to run it (non-root, read-only root filesystem): docs/operations.md, "Containers".

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Only what the build reads: the SDK pin, the shared build and package settings, the protos, src/.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY protos/ protos/
COPY src/ src/
RUN dotnet publish src/HybridGateway.ControlPlane/HybridGateway.ControlPlane.csproj -c Release -o /app -p:UseAppHost=false -nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# Our listeners come from HGW_* settings; the image's default ASP.NET Core port would only be
# overridden with a warning.
ENV ASPNETCORE_HTTP_PORTS= \
    DOTNET_NOLOGO=1
# 1654 is the images' non-root 'app' user ($APP_UID); numeric, so runAsNonRoot can check it.
USER 1654:1654
EXPOSE 8001 8005 11111
ENTRYPOINT ["dotnet", "HybridGateway.ControlPlane.dll"]
