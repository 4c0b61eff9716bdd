from service import Service


def main():
    svc = Service()
    getattr(svc, 'summarize')('x')


if __name__ == "__main__":
    main()
