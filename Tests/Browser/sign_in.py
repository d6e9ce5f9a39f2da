"""Signs an officer in to the centre's pages in a real browser (Chromium through Selenium,
with Debian's chromedriver) and opens a café from the overview.

    python3 sign_in.py URL NAME PASSWORD CAFE SHOTS_PREFIX

Prints one JSON object: the cafés the overview lists (their data-cafe), the café page's
heading, the first WBP's page heading, the alarms listed, and whether the session cookie was
kept from scripts (HttpOnly). Screenshots: PREFIX-masuk.png, PREFIX-ringkasan.png,
PREFIX-kafe.png, PREFIX-wbp.png, PREFIX-alarm.png.
"""
import json
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1100,900"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def shot(driver, path):
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1100, max(600, min(height + 40, 3000)))
    driver.save_screenshot(path)


def wait_for(driver, selector):
    """Waits (20 s at most) until the page the last click opened shows `selector`."""
    return WebDriverWait(driver, 20).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector)))


def main():
    url, name, password, cafe, prefix = sys.argv[1:6]
    driver = browser()
    try:
        driver.get(url + "/masuk")
        shot(driver, prefix + "-masuk.png")
        driver.find_element(By.NAME, "nama").send_keys(name)
        driver.find_element(By.NAME, "sandi").send_keys(password)
        driver.find_element(By.CSS_SELECTOR, "form.signin button[type=submit]").click()
        wait_for(driver, "tr[data-cafe]")
        listed = [row.get_attribute("data-cafe") for row in driver.find_elements(By.CSS_SELECTOR, "tr[data-cafe]")]
        shot(driver, prefix + "-ringkasan.png")
        hidden = "kasir_sesi" not in driver.execute_script("return document.cookie")
        driver.find_element(By.LINK_TEXT, cafe).click()
        wait_for(driver, "section.report")
        heading = driver.find_element(By.TAG_NAME, "h1").text
        address = driver.current_url
        shot(driver, prefix + "-kafe.png")
        driver.find_element(By.CSS_SELECTOR, "p.wbp a").click()
        wait_for(driver, "h1[data-wbp]")
        wbp = driver.find_element(By.TAG_NAME, "h1").text
        shot(driver, prefix + "-wbp.png")
        driver.find_element(By.LINK_TEXT, "Alarm").click()
        wait_for(driver, "table.alarms")
        alarms = [row.get_attribute("data-alarm") for row in driver.find_elements(By.CSS_SELECTOR, "tr[data-alarm]")]
        shot(driver, prefix + "-alarm.png")
        print(json.dumps({"address": address, "cafes": listed, "heading": heading, "wbp": wbp, "alarms": alarms,
                          "cookie_hidden_from_scripts": hidden}))
    finally:
        driver.quit()


main()
