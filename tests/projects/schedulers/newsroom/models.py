"""The newsroom's tables (only the fields the jobs touch)."""
from django.db import models


class Section(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=120)


class Article(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="articles")
    headline = models.CharField(max_length=300)
    body = models.TextField()
    published_at = models.DateTimeField(null=True)
    tags = models.JSONField(default=list)
    vector = models.JSONField(null=True)
    seo_title = models.CharField(max_length=300, blank=True)


class Comment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField()
    score = models.FloatField(null=True)


class Topic(models.Model):
    name = models.CharField(max_length=120, unique=True)
    summary = models.TextField(blank=True)


class Briefing(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    body = models.TextField()
