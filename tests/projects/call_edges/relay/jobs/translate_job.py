from relay.pipelines.translate import TranslatePipeline


def run():
    return TranslatePipeline().execute()

if __name__ == "__main__":
    run()
