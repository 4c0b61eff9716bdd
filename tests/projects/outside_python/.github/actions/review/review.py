from digestly.services.copy import review_diff

if __name__ == "__main__":
    review_diff("diff")
