// Inversify and TypeORM read decorator metadata at import time.
require('reflect-metadata');
