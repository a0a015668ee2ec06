# syntax=docker/dockerfile:1
# Club site image: built with the SDK, run on the ASP.NET Core runtime image as a non-root user.
#   docker build -t club .        (compose.yaml builds it too; docs/operations.md, "Production-style start")
# Configuration comes from the environment (ConnectionStrings__Club, Club__PublicBaseUrl, Club__Keys__*, ...).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The site's build runs `npm ci` for its browser bundle (src/Club.Web/package-lock.json).
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Project files first: the restore layer is reused until a project or the package list changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Club.Domain/Club.Domain.csproj src/Club.Domain/
COPY src/Club.Application/Club.Application.csproj src/Club.Application/
COPY src/Club.Infrastructure/Club.Infrastructure.csproj src/Club.Infrastructure/
COPY src/Club.Web/Club.Web.csproj src/Club.Web/package.json src/Club.Web/package-lock.json src/Club.Web/
RUN dotnet restore src/Club.Web/Club.Web.csproj
COPY src/ src/
COPY samples/labels/ samples/labels/
RUN dotnet publish src/Club.Web/Club.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl for the health check; DejaVu fonts for label PDFs (Infrastructure/Labels/LabelFonts.cs); poppler's
# pdftoppm so print proofs may be PDFs (Infrastructure/Labels/Reading/PdfRasteriser.cs).
RUN apt-get update && apt-get install -y --no-install-recommends curl fonts-dejavu-core poppler-utils && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
COPY --from=build /src/samples/labels/ /app/samples/labels/
# App_Data holds only files being made (print jobs); everything kept is in PostgreSQL.
RUN mkdir -p /app/App_Data && chown app:app /app/App_Data
# The image's non-root user (uid 1654); port 8080 is the image's default for non-root.
USER app
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    Club__AppData=/app/App_Data
EXPOSE 8080
# Liveness only: the process answers. A database outage shows on /health/ready, and must not restart nodes.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1
ENTRYPOINT ["dotnet", "Club.Web.dll"]
