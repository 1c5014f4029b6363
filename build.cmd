@echo off
rem Runs a target of the experiment graph (build\Build.proj): build.cmd TARGET [--name value ...]
setlocal EnableDelayedExpansion
set "ROOT=%~dp0"
if "%~1"=="" goto usage
if /I "%~1"=="--help" goto usage
set "TARGET=%~1"
shift
set "PROPS="
:loop
if "%~1"=="" goto run
set "NAME=%~1"
if not "!NAME:~0,2!"=="--" (
  echo build.cmd: error: unexpected argument %1 1>&2
  exit /b 2
)
set "PROPS=!PROPS! -p:!NAME:~2!=%~2"
shift
shift
goto loop
:run
dotnet msbuild "%ROOT%build\Build.proj" -nologo -v:m -t:%TARGET% %PROPS%
exit /b %ERRORLEVEL%
:usage
echo usage: build.cmd TARGET [--name value ...]
dotnet msbuild "%ROOT%build\Build.proj" -nologo -v:m -t:Help
exit /b 0
