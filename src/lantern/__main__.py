from lantern.cli import main

main()
