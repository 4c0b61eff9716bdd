import pickle


def load():
    with open('s.pkl', 'rb') as f:
        return pickle.load(f)
