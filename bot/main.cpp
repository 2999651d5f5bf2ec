#include "bot/app/cli.hpp"

int main(int argc, char** argv) { return escbot::app::RunCli(argc, argv); }
